import CallsheetDomain

/// A failure of the store that callers can act on, with a message for people.
///
/// PostgreSQL's own errors are translated into these at the edge of the store module, so
/// services and the console never pattern-match on SQLSTATEs.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The database cannot be reached or refused the connection.
        case unavailable
        /// The database was migrated by a newer Callsheet.
        case schemaTooNew
        /// A migration failed; nothing of it was applied.
        case migrationFailed
        /// A database URL or setting is malformed.
        case invalidConfiguration
        /// A uniqueness rule was hit (the thing already exists).
        case conflict
        /// A row broke a CHECK rule.
        case invalid
        /// A referenced row does not exist.
        case notFound
        /// A deadline passed: no pooled connection in time, or PostgreSQL cancelled a
        /// statement that ran past its `statement_timeout`.
        case timeout
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
