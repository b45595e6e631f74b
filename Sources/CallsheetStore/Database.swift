import Logging
import PostgresNIO
import Synchronization

/// The one door to PostgreSQL: a `PostgresClient` pool plus the use count `status` shows.
///
/// Use cases go through ``withTransaction(_:)`` (one use case, one transaction); the pool
/// itself is a `Service` and must be running in the daemon's `ServiceGroup`.
public final class Database: Sendable {
    public let client: PostgresClient
    /// Where the data is, without secrets: `embedded /path` or a redacted URL.
    public let location: String
    public let maximumConnections: Int
    public let logger: Logger
    /// Decoded workflow snapshots shared by every transaction.
    public let workflows = WorkflowSnapshots()
    private let leased = Atomic<Int>(0)

    public init(url: DatabaseURL, location: String? = nil, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(10), logger: Logger) {
        var configuration = url.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        configuration.options.minimumConnections = 0
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.location = location ?? url.redacted
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Connections currently lent out to use cases.
    public var connectionsInUse: Int { leased.load(ordering: .relaxed) }

    public func withConnection<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        leased.add(1, ordering: .relaxed)
        defer { leased.subtract(1, ordering: .relaxed) }
        return try await client.withConnection { try await body($0) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The error `body` threw (or the one BEGIN/COMMIT hit) is rethrown as itself rather
    /// than wrapped in PostgresNIO's `PostgresTransactionError`, so typed errors such as
    /// ``StoreError`` reach the caller unchanged.
    public func withTransaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        leased.add(1, ordering: .relaxed)
        defer { leased.subtract(1, ordering: .relaxed) }
        do {
            return try await client.withTransaction(logger: logger) { try await body($0) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
        }
    }
}
