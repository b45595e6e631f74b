import CallsheetDomain

/// How long the database side of a use case may take, by kind of work.
///
/// A stuck or runaway statement must never hold a pooled connection for good, and a use
/// case must never wait for a connection without end (PostgresNIO's pool keeps a request
/// queued while it cannot connect). PostgreSQL enforces the statement limits itself
/// (`statement_timeout`, set per pool when a connection starts); the lease limit is ours.
public struct DatabaseTimeouts: Sendable, Equatable {
    /// `database.lease_timeout_seconds`: the longest a use case waits for a pooled
    /// connection. When it passes, a direct probe tells "the database is not reachable"
    /// (ERR UNAVAILABLE) from "every connection is busy" (ERR TIMEOUT). Default 10 s.
    public var lease: Duration = .seconds(10)
    /// `database.statement_timeouts.call_loop_ms`: `next`, `outcome`, `callback`,
    /// `release` — short statements on indexed rows. Default 5000 ms.
    public var callLoopStatement: Duration = .seconds(5)
    /// `database.statement_timeouts.general_ms`: directory, campaigns, waves, do-not-call.
    /// Default 120000 ms (a wave of a million clients takes about 25 s here).
    public var generalStatement: Duration = .seconds(120)
    /// `database.statement_timeouts.reports_ms`: reports and exports. Default 120000 ms.
    public var reportStatement: Duration = .seconds(120)
    /// `database.statement_timeouts.imports_ms`: client and do-not-call imports, whose
    /// COPY lasts as long as the upload. Default 0: unbounded.
    public var importStatement: Duration = .zero

    public init() {}

    /// A `statement_timeout` value in milliseconds, as PostgreSQL takes it ("0" = none).
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
