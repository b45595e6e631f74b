import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The one door to PostgreSQL: two `PostgresClient` pools plus the use count `status` shows.
///
/// Use cases go through ``withTransaction(pool:_:)`` (one use case, one transaction). The
/// database is a `Service` (it runs both pools) and must be running in the daemon's
/// `ServiceGroup`.
///
/// Why two pools: PostgreSQL re-plans a named prepared statement at every execution when
/// its parameter-specific ("custom") plans look cheaper than the generic one, which it
/// decided for the call loop's large statements — planning was a third of PostgreSQL's CPU
/// in the call loop (`perf`, BENCHMARKS.md). The ``Pool/callLoop`` connections start with
/// `plan_cache_mode = force_generic_plan`, so `next` and `outcome` are planned once per
/// connection. Everything else (reports, imports, waves: statements planned once for the
/// values they run with) keeps PostgreSQL's choice on the ``Pool/general`` connections.
public final class Database: Service, Sendable {
    /// Which pool a use case runs on (see ``Database``).
    public enum Pool: Sendable {
        case general
        /// The call loop's prepared statements: generic plans, never re-planned.
        case callLoop
    }

    private let client: PostgresClient
    private let callLoopClient: PostgresClient
    /// Where the data is, without secrets: `embedded /path` or a redacted URL.
    public let location: String
    /// Both pools together (`database.max_connections`, split in halves; at least one each).
    public let maximumConnections: Int
    public let logger: Logger
    /// Decoded workflow snapshots shared by every transaction.
    public let workflows = WorkflowSnapshots()
    private let leased = Atomic<Int>(0)

    public init(url: DatabaseURL, location: String? = nil, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(10), logger: Logger) {
        var configuration = url.clientConfiguration()
        configuration.options.connectTimeout = connectTimeout
        configuration.options.minimumConnections = 0
        let callLoopShare = max(1, maximumConnections / 2), generalShare = max(1, maximumConnections - callLoopShare)
        var callLoop = configuration
        callLoop.options.maximumConnections = callLoopShare
        callLoop.options.additionalStartupParameters.append(("plan_cache_mode", "force_generic_plan"))
        configuration.options.maximumConnections = generalShare
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.callLoopClient = PostgresClient(configuration: callLoop, backgroundLogger: logger)
        self.location = location ?? url.redacted
        self.maximumConnections = callLoopShare + generalShare
        self.logger = logger
    }

    /// Runs both pools until cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.callLoopClient.run() }
        }
    }

    /// Connections currently lent out to use cases.
    public var connectionsInUse: Int { leased.load(ordering: .relaxed) }

    private func pool(_ pool: Pool) -> PostgresClient {
        switch pool {
        case .general: client
        case .callLoop: callLoopClient
        }
    }

    public func withConnection<R: Sendable>(pool: Pool = .general, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        leased.add(1, ordering: .relaxed)
        defer { leased.subtract(1, ordering: .relaxed) }
        return try await self.pool(pool).withConnection { try await body($0) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The error `body` threw (or the one BEGIN/COMMIT hit) is rethrown as itself rather
    /// than wrapped in PostgresNIO's `PostgresTransactionError`, so typed errors such as
    /// ``StoreError`` reach the caller unchanged.
    public func withTransaction<R: Sendable>(pool: Pool = .general, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        leased.add(1, ordering: .relaxed)
        defer { leased.subtract(1, ordering: .relaxed) }
        do {
            return try await self.pool(pool).withTransaction(logger: logger) { try await body($0) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
        }
    }
}
