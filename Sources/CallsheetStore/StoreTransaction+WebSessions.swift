public import Foundation
import PostgresNIO

/// HTTP sessions as key/value rows with an expiry (what Hummingbird's `PersistDriver`
/// asks for). Keys are stored as their SHA-256; values are JSON (`jsonb`).
extension StoreTransaction {
    /// Creates a session; false when the key exists already.
    public func createWebSession(key: String, login: String?, json: String, expiresAt: Date?) async throws -> Bool {
        try await !collect(
            """
            INSERT INTO web_session (key_hash, login, value, expires_at)
            VALUES (sha256(convert_to(\(key), 'UTF8')), \(login), \(json)::jsonb, \(expiresAt))
            ON CONFLICT (key_hash) DO NOTHING RETURNING 1
            """
        ) { _ in 1 }.isEmpty
    }

    /// Creates or replaces a session; a nil `expiresAt` keeps the expiry it had.
    public func setWebSession(key: String, login: String?, json: String, expiresAt: Date?) async throws {
        try await run(
            """
            INSERT INTO web_session (key_hash, login, value, expires_at)
            VALUES (sha256(convert_to(\(key), 'UTF8')), \(login), \(json)::jsonb, \(expiresAt))
            ON CONFLICT (key_hash) DO UPDATE SET login = EXCLUDED.login, value = EXCLUDED.value,
                expires_at = COALESCE(EXCLUDED.expires_at, web_session.expires_at)
            """)
    }

    /// A live session's JSON and expiry; nil when unknown or expired.
    public func webSession(key: String) async throws -> (json: String, expiresAt: Date?)? {
        let rows: [(json: String, expiresAt: Date?)] = try await collect(
            """
            SELECT value::text, expires_at FROM web_session
            WHERE key_hash = sha256(convert_to(\(key), 'UTF8')) AND (expires_at IS NULL OR expires_at > now())
            """
        ) { row in
            let (json, expires) = try row.decode((String, Date?).self)
            return (json, expires)
        }
        return rows.first
    }

    public func removeWebSession(key: String) async throws {
        try await run("DELETE FROM web_session WHERE key_hash = sha256(convert_to(\(key), 'UTF8'))")
    }

    /// Deletes expired sessions and sign-in failures older than `failuresBefore`.
    public func sweepWebSessions(failuresBefore: Date) async throws -> Int {
        let sessions = try await collect("DELETE FROM web_session WHERE expires_at <= now() RETURNING 1") { _ in 1 }.count
        try await run("DELETE FROM sign_in_failure WHERE at < \(failuresBefore)")
        return sessions
    }
}
