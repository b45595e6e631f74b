public import CallsheetDomain
import PostgresNIO

extension StoreTransaction {
    /// Adds a viewer; nil when the login is already anyone's in the directory (an
    /// administrator, a manager or a viewer): one login, one person, one role.
    public func insertViewer(login: String, name: String) async throws -> Int? {
        try await collect(
            """
            INSERT INTO viewer (login, name)
            SELECT \(login), \(name)
            WHERE NOT EXISTS (SELECT 1 FROM administrator WHERE login = \(login))
              AND NOT EXISTS (SELECT 1 FROM manager WHERE login = \(login))
            ON CONFLICT (login) DO NOTHING RETURNING id
            """
        ) { try $0.decode(Int.self) }.first
    }

    public func viewers() async throws -> [ViewerRecord] {
        try await collect("SELECT id, login, name FROM viewer ORDER BY login") { row in
            let (id, login, name) = try row.decode((Int, String, String).self)
            return ViewerRecord(id: id, login: login, name: name)
        }
    }
}
