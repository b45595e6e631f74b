public import CallsheetDomain
public import Foundation
import PostgresNIO

/// Web accounts: passwords (as Bcrypt hashes made by the caller), invitations (stored as
/// `sha256`, looked up by it: one index probe), revocation, and failed sign-ins.
extension StoreTransaction {
    /// The stored password hash of `login`; nil when none is set (never set, or revoked).
    public func passwordHash(login: String) async throws -> String? {
        try await collect("SELECT password_hash FROM web_account WHERE login = \(login)") { try $0.decode(String?.self) }.first.flatMap { $0 }
    }

    /// Sets `login`'s password hash; any pending invitation ends and a revocation is lifted.
    public func setPasswordHash(login: String, hash: String) async throws {
        try await run(
            """
            INSERT INTO web_account (login, password_hash, password_set_at) VALUES (\(login), \(hash), now())
            ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash, password_set_at = now(),
                invite_hash = NULL, invite_expires_at = NULL, revoked_at = NULL, updated_at = now()
            """)
    }

    /// Stores a new invitation for `login` (replacing an older one).
    public func setInvitation(login: String, token: String, expiresAt: Date) async throws {
        try await run(
            """
            INSERT INTO web_account (login, invite_hash, invite_expires_at)
            VALUES (\(login), sha256(convert_to(\(token), 'UTF8')), \(expiresAt))
            ON CONFLICT (login) DO UPDATE SET invite_hash = EXCLUDED.invite_hash, invite_expires_at = EXCLUDED.invite_expires_at,
                updated_at = now()
            """)
    }

    /// The login a live invitation belongs to, locked until the transaction ends; nil for
    /// an unknown, used or expired one.
    public func invitationLogin(token: String) async throws -> String? {
        try await collect(
            """
            SELECT login FROM web_account
            WHERE invite_hash = sha256(convert_to(\(token), 'UTF8')) AND invite_expires_at > now()
            FOR UPDATE
            """
        ) { try $0.decode(String.self) }.first
    }

    /// Ends `login`'s web access: password and invitation gone, every session deleted,
    /// every live API token revoked. Answers how many sessions and tokens ended.
    public func revokeWebAccess(login: String) async throws -> (sessions: Int, tokens: Int) {
        try await run(
            """
            INSERT INTO web_account (login, revoked_at) VALUES (\(login), now())
            ON CONFLICT (login) DO UPDATE SET password_hash = NULL, password_set_at = NULL, invite_hash = NULL,
                invite_expires_at = NULL, revoked_at = now(), updated_at = now()
            """)
        let sessions = try await collect("DELETE FROM web_session WHERE login = \(login) RETURNING 1") { _ in 1 }.count
        let tokens = try await collect("UPDATE api_token SET revoked_at = now() WHERE login = \(login) AND revoked_at IS NULL RETURNING 1") { _ in 1 }.count
        return (sessions, tokens)
    }

    /// Everyone of the directory who could sign in, with their web account's state.
    public func webAccounts() async throws -> [WebAccountRecord] {
        try await collect(
            """
            WITH people AS (
                SELECT login, name, 'admin' AS role FROM administrator
                UNION ALL SELECT login, name, 'manager' FROM manager WHERE active
                UNION ALL SELECT login, name, 'viewer' FROM viewer
            )
            SELECT p.login, p.name, p.role, a.password_set_at, a.invite_expires_at, a.revoked_at,
                   (SELECT count(*) FROM web_session s WHERE s.login = p.login AND (s.expires_at IS NULL OR s.expires_at > now()))::int
            FROM people p LEFT JOIN web_account a ON a.login = p.login
            ORDER BY p.login
            """
        ) { row in
            let (login, name, role, set, invite, revoked, sessions) = try row.decode((String, String, String, Date?, Date?, Date?, Int).self)
            return WebAccountRecord(
                login: login, name: name, role: Role(name: role) ?? .viewer, passwordSetAt: set, inviteExpiresAt: invite, revokedAt: revoked,
                openSessions: sessions)
        }
    }

    /// Failed sign-ins since `since`, for `login` and for `address`.
    public func signInFailures(login: String, address: String, since: Date) async throws -> (login: SignInThrottle.History, address: SignInThrottle.History) {
        let rows = try await collect(
            """
            SELECT count(*)::int, max(at) FROM sign_in_failure WHERE login = \(login) AND at > \(since)
            UNION ALL
            SELECT count(*)::int, max(at) FROM sign_in_failure WHERE address = \(address) AND at > \(since)
            """
        ) { row in
            let (count, last) = try row.decode((Int, Date?).self)
            return SignInThrottle.History(failures: count, lastFailure: last)
        }
        let none = SignInThrottle.History(failures: 0, lastFailure: nil)
        return (rows.first ?? none, rows.dropFirst().first ?? none)
    }

    public func recordSignInFailure(login: String, address: String) async throws {
        try await run("INSERT INTO sign_in_failure (login, address) VALUES (\(login), \(address))")
    }

    /// Forgets `login`'s failures after a successful sign-in.
    public func clearSignInFailures(login: String) async throws {
        try await run("DELETE FROM sign_in_failure WHERE login = \(login)")
    }

    /// The language chosen on the pages; nil when none was (or there is no account).
    public func accountLanguage(login: String) async throws -> String? {
        try await collect("SELECT language FROM web_account WHERE login = \(login)") { try $0.decode(String?.self) }.first ?? nil
    }

    /// Keeps `language` with the account (nil: back to the browser's choice).
    public func setAccountLanguage(login: String, language: String?) async throws {
        try await run("UPDATE web_account SET language = \(language), updated_at = now() WHERE login = \(login)")
    }
}
