import CallsheetDomain
import Logging
import PostgresNIO

/// One open transaction, as the services see it: typed queries, no SQL, no driver types.
///
/// Query methods live in extensions named for their tables (`StoreTransaction+Directory`,
/// `+Clients`, `+DoNotCall`), each a parameterised `PostgresQuery`.
public struct StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger
    let workflows: WorkflowSnapshots
    var importTimeout: Duration = .zero

    /// Runs a statement whose rows do not matter.
    func run(_ query: PostgresQuery) async throws {
        _ = try await collect(query) { _ in () }
    }

    /// Runs `query` and transforms every row. Server errors (which PostgresNIO may raise
    /// while rows are iterated, not only when the query is sent) are translated here.
    func collect<R>(_ query: PostgresQuery, _ transform: (PostgresRow) throws -> R) async throws -> [R] {
        do {
            var result: [R] = []
            for try await row in try await connection.query(query, logger: logger) {
                result.append(try transform(row))
            }
            return result
        } catch let error as PSQLError {
            throw StoreError.translating(error)
        }
    }

    /// Runs a named prepared statement (parsed and planned once per connection; the hot
    /// path's statements are prepared so a claim does not pay for planning every time).
    func execute<S: PostgresPreparedStatement>(_ statement: S) async throws -> [S.Row] {
        do {
            var result: [S.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) {
                result.append(row)
            }
            return result
        } catch let error as PSQLError {
            throw StoreError.translating(error)
        }
    }

    /// Gives the rest of this transaction its own `statement_timeout` (zero: none) — for
    /// imports, whose COPY lasts as long as the upload, on a pool whose limit is shorter.
    public func limitStatements(to duration: Duration) async throws {
        try await run("SELECT set_config('statement_timeout', \(DatabaseTimeouts.milliseconds(duration)), true)")
    }

    /// The `database.statement_timeouts.imports_ms` limit this transaction's database has.
    public var importStatementTimeout: Duration { importTimeout }

    /// Serialises callers holding the same key until this transaction ends.
    public func lock(_ key: StoreLock) async throws {
        try await run("SELECT pg_advisory_xact_lock(\(key.rawValue))")
    }

    /// Holds `key` in shared mode until this transaction ends: shared holders run together,
    /// an exclusive ``lock(_:)`` waits for all of them (and they for it).
    public func lockShared(_ key: StoreLock) async throws {
        try await run("SELECT pg_advisory_xact_lock_shared(\(key.rawValue))")
    }
}

/// Advisory lock keys, one per kind of work that must not run twice at once.
public enum StoreLock: Int64, Sendable {
    /// Schema migrations at start-up, shared by every daemon on the database ("callshet" in ASCII).
    case migrations = 0x6361_6C6C_7368_6574
    /// Client imports: duplicate detection by phone must see every other import's rows.
    case clientImport = 0x6373_696D_706F_7274
    /// Do-not-call adds (exclusive) against wave openings and assignments (shared): a
    /// listing committed while a wave is being written would otherwise miss its tasks.
    case doNotCall = 0x6373_646E_636C_636B
}

extension Database {
    /// Runs `body` in one transaction (see ``withTransaction(pool:_:)``).
    public func transaction<R: Sendable>(pool: Pool = .general, _ body: (StoreTransaction) async throws -> R) async throws -> R {
        try await withTransaction(pool: pool) { connection in
            try await body(StoreTransaction(connection: connection, logger: logger, workflows: workflows, importTimeout: timeouts.importStatement))
        }
    }

    /// Runs `body` on a pooled connection outside any transaction: every statement commits
    /// on its own. Only for reads: PostgresNIO reports a statement done at CommandComplete,
    /// before its implicit commit (at Sync) — a write answered OK here can still be lost if
    /// the server dies in that moment. Writes go through ``transaction(pool:_:)``.
    public func autocommit<R: Sendable>(pool: Pool = .general, _ body: (StoreTransaction) async throws -> R) async throws -> R {
        try await withConnection(pool: pool) { connection in
            try await body(StoreTransaction(connection: connection, logger: logger, workflows: workflows, importTimeout: timeouts.importStatement))
        }
    }
}

extension StoreError {
    /// Unique violations become `conflict`, check violations `invalid`; others keep the server text.
    static func translating(_ error: PSQLError) -> any Error {
        switch PostgresErrorText.sqlState(error) {
        case "23505": return StoreError(.conflict, PostgresErrorText.describe(error))
        case "23514", "22001", "23502": return StoreError(.invalid, PostgresErrorText.describe(error))
        case "23503": return StoreError(.notFound, PostgresErrorText.describe(error))
        case "22021", "22P05":
            return StoreError(.invalid, "text with a NUL character (\\0) or bytes that are not UTF-8 cannot be stored or searched for")
        case "57014":
            return StoreError(
                .timeout, "the database cancelled a statement that ran too long (\(PostgresErrorText.describe(error))); database.statement_timeouts bounds each kind of work")
        default:
            if PostgresErrorText.isConnectionFailure(error) {
                return StoreError(.unavailable, "the database is not reachable (\(PostgresErrorText.describe(error))); retry in a moment")
            }
            return error
        }
    }
}
