import CallsheetStore
import CallsheetTestSupport
import Logging
import PostgresNIO
import Testing

/// The listing → event link is checked once per statement (schema 17) instead of by a
/// foreign key per row: a listing naming an event that does not exist is still refused,
/// alone or among valid ones, and the whole statement writes nothing.
@Suite struct ListingEventTests {
    let logger = Logger(label: "test")

    @Test func aListingWithoutItsEventIsRefusedWithTheWholeStatement() async throws {
        try await TestDatabase.with { database, _ in
            try await database.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO dnc_event (action, phone_e164, reason, actor_uid, actor_name)
                    VALUES ('add', '+48600000001', 'test', 0, 'test')
                    """, logger: logger)
                await #expect(throws: PSQLError.self) {
                    try await connection.query(
                        """
                        INSERT INTO dnc_listing (phone_e164, since, reason, added_by, event_id)
                        SELECT '+4860000000' || n, now(), 'test', 'test', CASE WHEN n = 1 THEN (SELECT max(id) FROM dnc_event) ELSE 987654321 END
                        FROM generate_series(1, 3) n
                        """, logger: logger)
                }
                var listed = -1
                for try await count in try await connection.query("SELECT count(*)::int FROM dnc_listing", logger: logger).decode(Int.self) { listed = count }
                #expect(listed == 0)
                try await connection.query(
                    """
                    INSERT INTO dnc_listing (phone_e164, since, reason, added_by, event_id)
                    SELECT phone_e164, at, reason, 'test', id FROM dnc_event
                    """, logger: logger)
                for try await count in try await connection.query("SELECT count(*)::int FROM dnc_listing", logger: logger).decode(Int.self) { listed = count }
                #expect(listed == 1)
            }
        }
    }
}
