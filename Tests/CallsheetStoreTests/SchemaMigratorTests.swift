import CallsheetStore
import CallsheetTestSupport
import Logging
import PostgresNIO
import Testing

@Suite struct SchemaMigratorTests {
    let logger = Logger(label: "test")

    @Test func migratesOnceAndIsIdempotent() async throws {
        try await TestDatabase.with(migrated: false) { database, _ in
            let first = try await SchemaMigrator().migrate(database, logger: logger)
            #expect(first.previousVersion == 0)
            #expect(first.currentVersion == SchemaMigrations.latestVersion)
            let second = try await SchemaMigrator().migrate(database, logger: logger)
            #expect(second.applied.isEmpty)
            #expect(second.currentVersion == SchemaMigrations.latestVersion)
        }
    }

    @Test func concurrentMigrationsSerialiseOnTheAdvisoryLock() async throws {
        try await TestDatabase.with(migrated: false) { database, _ in
            let outcomes = try await withThrowingTaskGroup(of: SchemaMigrator.Outcome.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await SchemaMigrator().migrate(database, logger: logger) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == 12)
            #expect(outcomes.filter { !$0.applied.isEmpty }.count == 1)
            #expect(outcomes.allSatisfy { $0.currentVersion == SchemaMigrations.latestVersion })
            let rows = try await database.withConnection { connection in
                var count = 0
                for try await _ in try await connection.query("SELECT version FROM callsheet_schema_version", logger: logger) { count += 1 }
                return count
            }
            #expect(rows == SchemaMigrations.all.count)
        }
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() async throws {
        try await TestDatabase.with { database, _ in
            _ = try await database.withConnection { connection in
                try await connection.query("INSERT INTO callsheet_schema_version (version, name) VALUES (999, 'from the future')", logger: logger)
            }
            await #expect(
                throws: StoreError(
                    .schemaTooNew,
                    "the database schema is at version 999, newer than this callsheetd knows (\(SchemaMigrations.latestVersion)); run a newer callsheetd or restore a matching backup"
                )
            ) {
                try await SchemaMigrator().migrate(database, logger: logger)
            }
        }
    }

    @Test func aFailingMigrationChangesNothing() async throws {
        try await TestDatabase.with(migrated: false) { database, _ in
            let broken = SchemaMigrator(
                migrations: SchemaMigrations.all + [
                    Migration(version: 1000, name: "broken", statements: ["CREATE TABLE half_done (id int)", "THIS IS NOT SQL"])
                ])
            await #expect(throws: StoreError.self) { try await broken.migrate(database, logger: logger) }
            let tables = try await database.withConnection { connection in
                var names: [String] = []
                let rows = try await connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", logger: logger)
                for try await name in rows.decode(String.self) { names.append(name) }
                return names
            }
            #expect(tables.isEmpty)
        }
    }

    @Test func historyTablesAreAppendOnly() async throws {
        try await TestDatabase.with { database, _ in
            _ = try await database.withConnection { connection in
                try await connection.query("INSERT INTO audit_event (action, subject) VALUES ('test', 'x')", logger: logger)
            }
            await #expect(throws: PSQLError.self) {
                try await database.withConnection { connection in
                    try await connection.query("UPDATE audit_event SET subject = 'y'", logger: logger)
                }
            }
            await #expect(throws: PSQLError.self) {
                try await database.withConnection { connection in
                    try await connection.query("DELETE FROM audit_event", logger: logger)
                }
            }
        }
    }

    /// Phones, audiences and cases point at clients, tasks at cases and calls at tasks
    /// without row-level keys (version 13): the guards that refuse deleting clients, cases
    /// and tasks are what keep those links whole.
    @Test func clientsCasesAndTasksAreNeverDeleted() async throws {
        try await TestDatabase.with { database, _ in
            _ = try await database.withConnection { connection in
                try await connection.query("INSERT INTO client (name) VALUES ('Acme')", logger: logger)
            }
            for statement: PostgresQuery in ["DELETE FROM client", "TRUNCATE client CASCADE"] {
                let error = await #expect(throws: PSQLError.self) {
                    try await database.withConnection { connection in try await connection.query(statement, logger: logger) }
                }
                #expect(error?.serverInfo?[.sqlState] == "23001")
                #expect(error?.serverInfo?[.message]?.contains("client rows are never deleted (put them on the do-not-call list") == true)
            }
            let error = await #expect(throws: PSQLError.self) {
                try await database.withConnection { connection in try await connection.query("DELETE FROM manager", logger: logger) }
            }
            #expect(error?.serverInfo?[.message] == "manager rows are never deleted (deactivate or close instead): DELETE is not allowed")
            for (table, hint) in [("campaign_case", "close the case"), ("task", "cancel the task")] {
                let error = await #expect(throws: PSQLError.self) {
                    try await database.withConnection { connection in try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: logger) }
                }
                #expect(error?.serverInfo?[.message] == "\(table) rows are never deleted (\(hint) instead): DELETE is not allowed")
            }
        }
    }
}
