import CallsheetDomain
public import Logging
public import PostgresNIO

/// Brings a database to this build's schema at start-up.
///
/// All pending migrations run in one transaction under a transaction-scoped advisory lock,
/// so several daemons starting together against one database serialise here: the first
/// migrates, the others find nothing left to do. A database already migrated past what
/// this build knows is refused rather than touched.
public struct SchemaMigrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration] = SchemaMigrations.all) {
        self.migrations = migrations
    }

    public struct Outcome: Sendable, Equatable {
        public var previousVersion: Int
        public var currentVersion: Int
        public var applied: [Int]
    }

    public func migrate(_ database: Database, logger: Logger) async throws -> Outcome {
        let latest = migrations.last?.version ?? 0
        do {
            return try await database.withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(StoreLock.migrations.rawValue))", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS callsheet_schema_version (
                        version     integer PRIMARY KEY,
                        name        text NOT NULL,
                        applied_at  timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                let current = try await Self.currentVersion(on: connection, logger: logger) ?? 0
                if current > latest {
                    throw StoreError(
                        .schemaTooNew,
                        "the database schema is at version \(current), newer than this callsheetd knows (\(latest)); run a newer callsheetd or restore a matching backup")
                }
                var applied: [Int] = []
                for migration in migrations where migration.version > current {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO callsheet_schema_version (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger
                    )
                    applied.append(migration.version)
                    logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                }
                return Outcome(previousVersion: current, currentVersion: max(current, applied.last ?? current), applied: applied)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            throw StoreError(.migrationFailed, "migrating the database failed, nothing was changed: \(PostgresErrorText.describe(error))")
        }
    }

    /// The version recorded in the database, nil when it was never migrated.
    public static func currentVersion(on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let rows = try await connection.query(
            "SELECT max(version) FROM callsheet_schema_version", logger: logger
        )
        for try await (version) in rows.decode((Int?).self) { return version }
        return nil
    }
}
