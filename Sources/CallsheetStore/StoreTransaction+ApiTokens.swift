public import CallsheetDomain
import Foundation
import PostgresNIO

/// API tokens: stored as `sha256(token)`; looked up by the same hash (`api_token.token_hash`
/// is unique, so a lookup is one index probe).
extension StoreTransaction {
    /// Stores a new token for `login`; nil when `login` already has a token of that name.
    public func insertApiToken(login: String, name: String, token: String, scope: String, createdBy: String) async throws -> Int? {
        try await collect(
            """
            INSERT INTO api_token (login, name, token_hash, scope, created_by)
            VALUES (\(login), \(name), sha256(convert_to(\(token), 'UTF8')), \(scope), \(createdBy))
            ON CONFLICT (login, name) DO NOTHING RETURNING id
            """
        ) { try $0.decode(Int.self) }.first
    }

    public func apiTokens(login: String?) async throws -> [ApiTokenRecord] {
        try await collect(
            """
            SELECT id, login, name, scope, created_at, created_by, last_used_at, revoked_at FROM api_token
            WHERE \(login)::text IS NULL OR login = \(login) ORDER BY login, name
            """
        ) { row in
            let (id, login, name, scope, created, by, used, revoked) = try row.decode((Int, String, String, String, Date, String, Date?, Date?).self)
            return ApiTokenRecord(id: id, login: login, name: name, scope: scope, createdAt: created, createdBy: by, lastUsedAt: used, revokedAt: revoked)
        }
    }

    /// Revokes token `id`; false when there is no such live token.
    public func revokeApiToken(id: Int) async throws -> Bool {
        try await !collect("UPDATE api_token SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING 1") { _ in 1 }.isEmpty
    }

    /// Who a live token of `scope` signs in as, in one statement (one index probe and the
    /// directory's role now): its id, login, role (nil: the login has none any more) and
    /// whether its last use is over a minute old; nil for an unknown, revoked or
    /// other-scope token.
    public func apiTokenSignIn(_ token: String, scope: String) async throws -> (id: Int, login: String, role: Role?, stale: Bool)? {
        let rows: [(id: Int, login: String, role: Role?, stale: Bool)] = try await collect(
            """
            SELECT t.id, t.login,
                   CASE WHEN EXISTS (SELECT 1 FROM administrator WHERE login = t.login) THEN 'admin'
                        WHEN EXISTS (SELECT 1 FROM manager WHERE login = t.login AND active) THEN 'manager'
                        WHEN EXISTS (SELECT 1 FROM viewer WHERE login = t.login) THEN 'viewer' END,
                   t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'
            FROM api_token t
            WHERE t.token_hash = sha256(convert_to(\(token), 'UTF8')) AND t.revoked_at IS NULL AND t.scope = \(scope)
            """
        ) { row in
            let (id, login, role, stale) = try row.decode((Int, String, String?, Bool).self)
            return (id, login, role.flatMap(Role.init(name:)), stale)
        }
        return rows.first
    }

    /// Notes that token `id` was used now.
    public func markApiTokenUsed(id: Int) async throws {
        try await run("UPDATE api_token SET last_used_at = now() WHERE id = \(id)")
    }

    /// The role a directory login signs in with: admin for an administrator, manager for an
    /// active manager, viewer for a viewer; nil for anyone else (an inactive manager has no access).
    public func directoryRole(login: String) async throws -> Role? {
        try await collect(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM administrator WHERE login = \(login)) THEN 'admin'
                        WHEN EXISTS (SELECT 1 FROM manager WHERE login = \(login) AND active) THEN 'manager'
                        WHEN EXISTS (SELECT 1 FROM viewer WHERE login = \(login)) THEN 'viewer' END
            """
        ) { try $0.decode(String?.self) }.first.flatMap { $0 }.flatMap(Role.init(name:))
    }
}
