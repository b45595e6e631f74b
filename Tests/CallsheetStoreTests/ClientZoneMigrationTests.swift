import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// Schema 14: the database's half of the zone rule agrees with Foundation's, and clients
/// stored before it with a zone PostgreSQL misreads are repaired with a history entry.
@Suite struct ClientZoneMigrationTests {
    let logger = Logger(label: "test")

    @Test func everyPlaceTheRuleAcceptsIsUsableInPostgreSQL() async throws {
        try await TestDatabase.with { database, _ in
            // Every name: against the server's list read once (the function reads it per call).
            let names = TimeZone.knownTimeZoneIdentifiers.filter(TimeZoneRule.isAccepted) + ["Asia/Kolkata", "Europe/Kyiv", "UTC", "Etc/UTC"]
            let unknown = try await database.withConnection { connection in
                try await connection.query(
                    """
                    SELECT n FROM unnest(\(names)::text[]) n WHERE n NOT IN (SELECT name FROM pg_timezone_names) ORDER BY n
                    """, logger: logger
                ).collect().map { try $0.decode(String.self) }
            }
            #expect(unknown.isEmpty, "Foundation accepts, PostgreSQL does not know: \(unknown)")
            // The function itself on the names the project writes and suggests.
            let written = CallingCountry.all.map(\.timeZone) + ["UTC", "Etc/UTC", "America/Argentina/Buenos_Aires", "America/Port-au-Prince"]
            let refused = try await database.withConnection { connection in
                try await connection.query("SELECT n FROM unnest(\(written)::text[]) n WHERE NOT callsheet_zone_usable(n) ORDER BY n", logger: logger)
                    .collect().map { try $0.decode(String.self) }
            }
            #expect(refused.isEmpty, "\(refused)")
            let offsets = ["UTC+3", "GMT+0300", "EST5EDT", "Etc/GMT-3", "US/Eastern", "MSK", "posixrules", "Mars/Base"]
            let usable = try await database.withConnection { connection in
                try await connection.query("SELECT n FROM unnest(\(offsets)::text[]) n WHERE callsheet_zone_usable(n)", logger: logger)
                    .collect().map { try $0.decode(String.self) }
            }
            #expect(usable.isEmpty, "\(usable)")
        }
    }

    @Test func refusedZonesAreRepairedFromThePhoneWithHistory() async throws {
        try await TestDatabase.with(migrated: false) { database, _ in
            let before = SchemaMigrator(migrations: SchemaMigrations.all.filter { $0.version < 14 })
            _ = try await before.migrate(database, logger: logger)
            try await database.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO client (name, segment, tags, time_zone) VALUES
                        ('Moscow offset', 'company', '{}', 'GMT+0300'), ('POSIX', 'company', '{}', 'UTC+3'),
                        ('Unknown country', 'company', '{}', 'EST5EDT'), ('Fine', 'company', '{}', 'Europe/Warsaw')
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO client_phone (client_id, position, e164, raw, country) VALUES
                        (1, 1, '+74951234567', '+7 495 123 45 67', 'RU'), (2, 1, '+37061234567', '+370 612 34567', 'LT'),
                        (3, 1, '+861012345678', '+86 10 1234 5678', NULL), (4, 1, '+48600000004', '600000004', 'PL')
                    """, logger: logger)
            }
            let outcome = try await SchemaMigrator().migrate(database, logger: logger)
            #expect(outcome.applied.contains(14))
            let rows = try await database.withConnection { connection in
                try await connection.query("SELECT id::int, time_zone FROM client ORDER BY id", logger: logger).collect().map { try $0.decode((Int, String?).self) }
            }
            #expect(rows.map(\.1) == ["Europe/Moscow", "Europe/Vilnius", nil, "Europe/Warsaw"])
            let history = try await database.withConnection { connection in
                try await connection.query("SELECT client_id::int, detail->>'summary' FROM client_event ORDER BY client_id", logger: logger)
                    .collect().map { try $0.decode((Int, String).self) }
            }
            #expect(history.map(\.0) == [1, 2, 3])
            #expect(history.first?.1 == "changed timezone: \"GMT+0300\" → Europe/Moscow (not a time zone place name PostgreSQL reads the same way; derived from the phone)")
            #expect(history.last?.1.hasPrefix("changed timezone: \"EST5EDT\" → none (the configured default)") == true)
            let zones = try await database.withConnection { connection in
                try await connection.query("SELECT time_zone FROM client_zone ORDER BY 1", logger: logger).collect().map { try $0.decode(String.self) }
            }
            #expect(zones == ["Europe/Moscow", "Europe/Vilnius", "Europe/Warsaw"], "refused zones no client has are gone")
        }
    }
}
