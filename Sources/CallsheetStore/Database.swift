import CallsheetDomain
public import Logging
public import PostgresNIO
public import ServiceLifecycle
import Synchronization

/// The one door to PostgreSQL: three `PostgresClient` pools plus the use count `status` shows.
///
/// Use cases go through ``withTransaction(pool:_:)`` (one use case, one transaction). The
/// database is a `Service` (it runs the pools) and must be running in the daemon's
/// `ServiceGroup`.
///
/// Why three pools:
/// - ``Pool/callLoop``: PostgreSQL re-plans a named prepared statement at every execution
///   when its parameter-specific plans look cheaper than the generic one, which it decided
///   for the call loop's large statements — planning was a third of PostgreSQL's CPU in the
///   call loop. These connections start with `plan_cache_mode = force_generic_plan`, so
///   `next` and `outcome` are planned once per connection, and with a short
///   `statement_timeout`.
/// - ``Pool/reports``: reports and exports, so that a crowd of people reading reports can
///   take at most this pool's connections and never lock managers (call loop) or
///   administrators (general) out.
/// - ``Pool/general``: everything else (directory, campaigns, waves, imports).
///
/// Every pool keeps at least one connection open (a pool allowed to fall to zero can strand
/// a queued request in PostgresNIO 1.33), and every lease has a deadline
/// (``DatabaseTimeouts/lease``): when it passes, a direct connection attempt tells whether
/// the server is unreachable (``StoreError/Code/unavailable``) or merely busy
/// (``StoreError/Code/timeout``).
public final class Database: Service, Sendable {
    /// Which pool a use case runs on (see ``Database``).
    public enum Pool: String, Sendable, CaseIterable {
        case general
        /// The call loop's prepared statements: generic plans, never re-planned.
        case callLoop = "call loop"
        /// Reports and exports: long reads, kept apart.
        case reports
    }

    private let client: PostgresClient
    private let callLoopClient: PostgresClient
    private let reportsClient: PostgresClient
    let url: DatabaseURL
    let connectTimeout: Duration
    /// Where the data is, without secrets: `embedded /path` or a redacted URL.
    public let location: String
    /// All pools together (`database.max_connections`: half for the call loop, a quarter
    /// for reports, the rest general; at least one each).
    public let maximumConnections: Int
    /// Each pool's share of ``maximumConnections``.
    public let shares: [Pool: Int]
    public let timeouts: DatabaseTimeouts
    public let logger: Logger
    /// Decoded workflow snapshots shared by every transaction.
    public let workflows = WorkflowSnapshots()
    private let leased = Atomic<Int>(0)

    public init(
        url: DatabaseURL, location: String? = nil, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(10),
        timeouts: DatabaseTimeouts = DatabaseTimeouts(), logger: Logger
    ) {
        var configuration = url.clientConfiguration()
        configuration.options.connectTimeout = connectTimeout
        configuration.options.minimumConnections = 1
        let callLoopShare = max(1, maximumConnections / 2)
        let reportsShare = max(1, maximumConnections / 4)
        let generalShare = max(1, maximumConnections - callLoopShare - reportsShare)
        func pool(_ share: Int, statementTimeout: Duration, _ extra: [(String, String)] = []) -> PostgresClient {
            var pool = configuration
            pool.options.maximumConnections = share
            pool.options.additionalStartupParameters += extra + [("statement_timeout", DatabaseTimeouts.milliseconds(statementTimeout))]
            return PostgresClient(configuration: pool, backgroundLogger: logger)
        }
        self.callLoopClient = pool(callLoopShare, statementTimeout: timeouts.callLoopStatement, [("plan_cache_mode", "force_generic_plan")])
        self.reportsClient = pool(reportsShare, statementTimeout: timeouts.reportStatement)
        self.client = pool(generalShare, statementTimeout: timeouts.generalStatement)
        self.url = url
        self.connectTimeout = connectTimeout
        self.location = location ?? url.redacted
        self.maximumConnections = callLoopShare + reportsShare + generalShare
        self.shares = [.callLoop: callLoopShare, .reports: reportsShare, .general: generalShare]
        self.timeouts = timeouts
        self.logger = logger
    }

    /// Runs the pools until cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.callLoopClient.run() }
            group.addTask { await self.reportsClient.run() }
        }
    }

    /// Connections currently lent out to use cases.
    public var connectionsInUse: Int { leased.load(ordering: .relaxed) }

    private func pool(_ pool: Pool) -> PostgresClient {
        switch pool {
        case .general: client
        case .callLoop: callLoopClient
        case .reports: reportsClient
        }
    }

    public func withConnection<R: Sendable>(pool: Pool = .general, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        leased.add(1, ordering: .relaxed)
        defer { leased.subtract(1, ordering: .relaxed) }
        do {
            return try await BoundedLease.with(self.pool(pool), timeout: timeouts.lease) { try await body($0) }
        } catch is BoundedLease.Expired {
            throw await leaseExpired(pool)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The error `body` threw (or the one BEGIN/COMMIT hit) is rethrown as itself rather
    /// than wrapped in PostgresNIO's `PostgresTransactionError`, so typed errors such as
    /// ``StoreError`` reach the caller unchanged.
    ///
    /// A connection can die between the pool handing it out and its first statement (the
    /// server restarted, a backend was terminated). When `BEGIN` itself fails that way
    /// nothing has run yet, so the use case is started again on a fresh lease (three
    /// attempts: the pool may hand out the same dying connection once more).
    public func withTransaction<R: Sendable>(pool: Pool = .general, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        var attempt = 1
        while true {
            do {
                return try await withConnection(pool: pool) { connection in
                    try await connection.withTransaction(logger: logger) { try await body($0) }
                }
            } catch let error as PostgresTransactionError {
                if attempt < 3, error.closureError == nil, let begin = error.beginError, PostgresErrorText.isConnectionFailure(begin) {
                    logger.notice("a pooled connection was gone before BEGIN; trying again", metadata: ["pool": "\(pool.rawValue)", "attempt": "\(attempt)"])
                    attempt += 1
                    // Give the pool a moment to see that connection closed.
                    try await Task.sleep(for: .milliseconds(20 * attempt))
                    continue
                }
                throw error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
            }
        }
    }

    /// Connects once, outside the pools, and says why that failed (nil: the server answers).
    ///
    /// The pools only say that no connection came; this names the cause — "Connection
    /// refused", "the database system is starting up" — for `status` and error messages.
    public func probeServer() async -> String? {
        do {
            let configuration = try url.connectionConfiguration(connectTimeout: min(connectTimeout, .seconds(3)))
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                _ = try await connection.query("SELECT 1", logger: logger).collect()
                try? await connection.close()
                return nil
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            return PostgresErrorText.describe(error)
        }
    }

    private func leaseExpired(_ pool: Pool) async -> StoreError {
        let waited = timeouts.lease.spoken
        if let problem = await probeServer() {
            logger.warning("database unreachable", metadata: ["pool": "\(pool.rawValue)", "problem": "\(problem)"])
            return StoreError(.unavailable, "the database is not reachable (\(problem)); retry in a moment")
        }
        logger.warning("no database connection within the lease timeout", metadata: ["pool": "\(pool.rawValue)", "waited": "\(waited)"])
        return StoreError(
            .timeout, "all \(shares[pool] ?? 0) database connections of the \(pool.rawValue) pool stayed busy for \(waited) (database.lease_timeout_seconds); retry in a moment")
    }
}
