package import CallsheetStore
public import Foundation

/// The HTTP sessions' storage in PostgreSQL: key, JSON value, expiry — the operations of
/// Hummingbird's `PersistDriver`, which the HTTP front-end puts over this. In the database
/// so every daemon behind one load balancer shares the sessions and a restart signs no one
/// out. Not a use case (no caller): the session middleware runs before anyone is known.
public struct WebSessionStore: Sendable {
    let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// Creates a session; false when `key` exists already.
    public func create(key: String, login: String?, json: String, expiresAt: Date?) async throws -> Bool {
        try await database.useCase { try await $0.createWebSession(key: key, login: login, json: json, expiresAt: expiresAt) }
    }

    /// Creates or replaces a session; nil `expiresAt` keeps the old expiry.
    public func set(key: String, login: String?, json: String, expiresAt: Date?) async throws {
        try await database.useCase { try await $0.setWebSession(key: key, login: login, json: json, expiresAt: expiresAt) }
    }

    /// A live session's JSON and expiry.
    public func get(key: String) async throws -> (json: String, expiresAt: Date?)? {
        try await database.useStatements(pool: .callLoop) { try await $0.webSession(key: key) }
    }

    public func remove(key: String) async throws {
        try await database.useCase { try await $0.removeWebSession(key: key) }
    }

    /// Deletes expired sessions and forgotten sign-in failures; answers the sessions deleted.
    public func sweep(now: Date = Date()) async throws -> Int {
        try await database.useCase { try await $0.sweepWebSessions(failuresBefore: now.addingTimeInterval(-86_400)) }
    }
}
