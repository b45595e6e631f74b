import CallsheetDomain
public import Logging
import PostgresNIO

/// Creates the application database inside a cluster Callsheet owns (embedded or test).
///
/// `CREATE DATABASE` cannot run in a transaction or take a bound name, so the name is
/// checked against a strict pattern and quoted as an identifier.
public enum DatabaseBootstrap {
    /// Creates `database` through the maintenance database `postgres` unless it exists.
    /// Returns true when it was created.
    @discardableResult
    public static func ensureDatabase(_ database: String, at url: DatabaseURL, logger: Logger) async throws -> Bool {
        try await withMaintenanceConnection(url, logger: logger) { connection in
            let rows = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(database)", logger: logger)
            for try await _ in rows { return false }
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(try identifier(database))"), logger: logger)
            return true
        }
    }

    /// Drops `database` if it exists (test clean-up), ending its sessions first.
    public static func dropDatabase(_ database: String, at url: DatabaseURL, logger: Logger) async throws {
        _ = try await withMaintenanceConnection(url, logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(try identifier(database)) WITH (FORCE)"), logger: logger)
        }
    }

    private static func withMaintenanceConnection<R: Sendable>(
        _ url: DatabaseURL, logger: Logger, _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        var maintenance = url
        maintenance.database = "postgres"
        maintenance.tls = .disable
        let configuration = try maintenance.connectionConfiguration()
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func identifier(_ name: String) throws(StoreError) -> String {
        guard !name.isEmpty, name.count <= 63,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw StoreError(.invalidConfiguration, "database name \"\(name)\" must be 1-63 characters of a-z, 0-9 and _")
        }
        return "\"\(name)\""
    }
}
