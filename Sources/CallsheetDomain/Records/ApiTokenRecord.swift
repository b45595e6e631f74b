public import Foundation

/// One API token as listed (never the token itself: only its hash is kept).
public struct ApiTokenRecord: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    /// `api` or `metrics` (what it may be used for).
    public var scope: String
    public var createdAt: Date
    public var createdBy: String
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int, login: String, name: String, scope: String = "api", createdAt: Date, createdBy: String, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.login = login
        self.name = name
        self.scope = scope
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
