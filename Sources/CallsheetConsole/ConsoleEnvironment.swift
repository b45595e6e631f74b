import CallsheetDomain
public import CallsheetServices
public import Foundation
public import Logging

/// What the console needs from the daemon around it, injected so that tests can run a
/// session with no socket and no daemon.
public struct ConsoleEnvironment: Sendable {
    public var limits: SessionLimits
    /// A fresh snapshot for `status`.
    public var status: @Sendable () async -> DaemonStatus
    public var logger: Logger
    /// The use cases; nil in protocol tests that run without a database.
    public var services: UseCases?

    public init(limits: SessionLimits, status: @escaping @Sendable () async -> DaemonStatus, logger: Logger, services: UseCases? = nil) {
        self.limits = limits
        self.status = status
        self.logger = logger
        self.services = services
    }
}

/// Per-session limits enforced by the session itself (the transport enforces the rest).
public struct SessionLimits: Sendable {
    /// Bytes one `<<MARK` payload may carry. Default 512 MiB (a 1,000,000-row client export is ~110 MB).
    public var maximumPayloadBytes: Int
    /// Bytes one line may carry, for messages. Default 16 KiB.
    public var maximumLineBytes: Int

    /// How long a command without a payload may run before the session answers
    /// `ERR TIMEOUT` and stops it. Default 30 s.
    public var commandTimeout: Duration
    /// The same for bulk commands (reports, exports, waves). Default 600 s.
    public var bulkCommandTimeout: Duration

    public init(
        maximumPayloadBytes: Int = 512 << 20, maximumLineBytes: Int = 16 << 10,
        commandTimeout: Duration = .seconds(30), bulkCommandTimeout: Duration = .seconds(600)
    ) {
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumLineBytes = maximumLineBytes
        self.commandTimeout = commandTimeout
        self.bulkCommandTimeout = bulkCommandTimeout
    }
}

/// What `status` reports.
public struct DaemonStatus: Sendable {
    public var version: String
    public var pid: Int32
    public var startedAt: Date
    /// Where the data lives: `embedded /path/to/cluster` or `postgres://host:port/db`.
    public var database: String
    public var databaseReachable: Bool
    public var databaseProblem: String?
    public var schemaVersion: Int?
    public var poolInUse: Int
    public var poolMaximum: Int
    public var connections: Int
    public var connectionLimit: Int

    public init(
        version: String, pid: Int32, startedAt: Date, database: String, databaseReachable: Bool,
        databaseProblem: String?, schemaVersion: Int?, poolInUse: Int, poolMaximum: Int,
        connections: Int, connectionLimit: Int
    ) {
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
        self.database = database
        self.databaseReachable = databaseReachable
        self.databaseProblem = databaseProblem
        self.schemaVersion = schemaVersion
        self.poolInUse = poolInUse
        self.poolMaximum = poolMaximum
        self.connections = connections
        self.connectionLimit = connectionLimit
    }
}
