import CallsheetDomain
public import Logging

/// A cheap health check for `status`: can we reach the database, and at which schema?
public struct StoreProbe: Sendable {
    public struct Result: Sendable {
        public init(reachable: Bool, schemaVersion: Int?, problem: String?) {
            self.reachable = reachable
            self.schemaVersion = schemaVersion
            self.problem = problem
        }

        public var reachable: Bool
        public var schemaVersion: Int?
        public var problem: String?
    }

    public static func probe(_ database: Database, logger: Logger) async -> Result {
        do {
            let version = try await database.withConnection { connection in
                try await SchemaMigrator.currentVersion(on: connection, logger: logger)
            }
            return Result(reachable: true, schemaVersion: version, problem: nil)
        } catch {
            return Result(reachable: false, schemaVersion: nil, problem: PostgresErrorText.describe(error))
        }
    }
}
