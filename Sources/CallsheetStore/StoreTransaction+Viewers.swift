public import CallsheetDomain
import PostgresNIO

extension StoreTransaction {
    /// Adds a viewer; nil when the login is already anyone's in the directory (an
    /// administrator, a manager or a viewer): one login, one person, one role.
    public func insertViewer(login: String, name: String, email: String? = nil) async throws -> Int? {
        try await collect(
            """
            INSERT INTO viewer (login, name, email)
            SELECT \(login), \(name), \(email)
            WHERE NOT EXISTS (SELECT 1 FROM administrator WHERE login = \(login))
              AND NOT EXISTS (SELECT 1 FROM manager WHERE login = \(login))
            ON CONFLICT (login) DO NOTHING RETURNING id
            """
        ) { try $0.decode(Int.self) }.first
    }

    public func viewers() async throws -> [ViewerRecord] {
        try await collect("SELECT id, login, name, email FROM viewer ORDER BY login") { row in
            let (id, login, name, email) = try row.decode((Int, String, String, String?).self)
            return ViewerRecord(id: id, login: login, name: name, email: email)
        }
    }

    /// `viewer edit`: a new name and/or e-mail (`-` removes it); false when there is no such viewer.
    public func updateViewer(login: String, name: String?, email: String?) async throws -> Bool {
        try await !collect(
            """
            UPDATE viewer SET name = coalesce(\(name), name),
                email = CASE WHEN \(email)::text = '-' THEN NULL ELSE coalesce(\(email), email) END
            WHERE login = \(login) RETURNING 1
            """
        ) { _ in 1 }.isEmpty
    }
}
