import CallsheetStore
import PostgresNIO

/// Bulk test data written straight to the database (the console paths that create it are
/// tested elsewhere): `count` clients named `Client N` with phone +48 600 000 000 + N.
enum CampaignFixture {
    static func clients(_ count: Int, in database: Database, segment: String = "company", tag: String? = nil) async throws {
        try await database.withTransaction { connection in
            let base = try await connection.query("SELECT coalesce(max(id), 0)::int FROM client", logger: database.logger).collect().first!.decode(Int.self)
            try await connection.query(
                """
                INSERT INTO client (name, segment, tags, time_zone)
                SELECT 'Client ' || (\(base) + g), \(segment), CASE WHEN \(tag)::text IS NULL THEN '{}' ELSE ARRAY[\(tag)::text] END, 'Europe/Warsaw'
                FROM generate_series(1, \(count)) g
                """, logger: database.logger)
            try await connection.query(
                """
                INSERT INTO client_phone (client_id, position, e164, raw, country)
                SELECT id, 1, '+48' || (600000000 + id), (600000000 + id)::text, 'PL' FROM client WHERE id > \(base)
                """, logger: database.logger)
        }
    }

    /// Rows of `sql` as (Int, Int) pairs, for assertions.
    static func pairs(_ sql: String, in database: Database) async throws -> [(Int, Int)] {
        try await database.withTransaction { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect().map { try $0.decode((Int, Int).self) }
        }
    }
}
