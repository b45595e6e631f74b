public import CallsheetDomain
import CallsheetStore
import Foundation

/// API tokens: how scripts and integrations sign in to the HTTP API
/// (`Authorization: Bearer cs_…`). A token acts as the directory login it belongs to, with
/// that person's role as it is when the token is used (a deactivated manager's tokens stop
/// working at once). The token is shown once; only its SHA-256 is stored.
public struct TokenService: Sendable {
    let database: Database
    let signIns: SignInCache

    init(database: Database, signIns: SignInCache) {
        self.database = database
        self.signIns = signIns
    }

    /// A token as created: the only time its text is known.
    public struct CreatedToken: Sendable, Equatable {
        public var id: Int
        public var login: String
        public var name: String
        public var token: String
    }

    public func create(login: String, name: String, scope: TokenScope = .api, as caller: Caller) async throws -> CreatedToken {
        try Authorization.check(caller, .createToken)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ServiceError(.invalid, "a token needs a --name (what uses it: crm-sync, reports)") }
        let token = Self.prefix + Self.randomText()
        let actor = caller.actingUser
        return try await database.useCase { tx in
            guard try await tx.directoryRole(login: login) != nil else {
                throw ServiceError(.notFound, "no administrator, active manager or viewer '\(login)'")
            }
            guard let id = try await tx.insertApiToken(login: login, name: name, token: token, scope: scope.rawValue, createdBy: actor.label) else {
                throw ServiceError(.conflict, "\(login) already has a token named '\(name)' (revoke it first, or choose another name)")
            }
            try await tx.audit(actor, action: "token create", subject: "\(login)/\(name)")
            return CreatedToken(id: id, login: login, name: name, token: token)
        }
    }

    public func list(login: String?, as caller: Caller) async throws -> [ApiTokenRecord] {
        try Authorization.check(caller, .listTokens)
        return try await database.useCase { tx in try await tx.apiTokens(login: login) }
    }

    public func revoke(id: Int, as caller: Caller) async throws {
        try Authorization.check(caller, .revokeToken)
        let actor = caller.actingUser
        try await database.useCase { tx in
            guard try await tx.revokeApiToken(id: id) else { throw ServiceError(.notFound, "no live token #\(id)") }
            try await tx.audit(actor, action: "token revoke", subject: "#\(id)")
        }
        signIns.forgetAll()
    }

    /// Who a bearer token signs in as; nil for an unknown or revoked token, or one whose
    /// login no longer has a role (removed administrator, deactivated manager).
    public func caller(forToken token: String) async throws -> Caller? {
        if let (login, role) = signIns.lookUp(token) { return .account(login, role: role) }
        guard let (login, role) = try await signIn(token, scope: .api), let role else { return nil }
        signIns.remember(token, login: login, role: role)
        return .account(login, role: role)
    }

    /// Whether `token` is a live `metrics` token of someone still in the directory.
    public func readsMetrics(token: String) async throws -> Bool {
        try await signIn(token, scope: .metrics)?.role != nil
    }

    /// One statement per request, outside a transaction (a script's every request pays for
    /// it; the call loop over HTTP is measured against the console's); the last use is
    /// written at most once a minute.
    private func signIn(_ token: String, scope: TokenScope) async throws -> (login: String, role: Role?)? {
        guard token.hasPrefix(Self.prefix), token.count < 200, !token.contains("\0") else { return nil }
        return try await database.useStatements(pool: .callLoop) { tx in
            guard let found = try await tx.apiTokenSignIn(token, scope: scope.rawValue) else { return nil }
            if found.stale { try await tx.markApiTokenUsed(id: found.id) }
            return (found.login, found.role)
        }
    }

    static let prefix = "cs_"

    /// 32 random bytes in base64url: 256 bits, safe in headers, URLs and shells (a token is
    /// `cs_` and this).
    public static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return text
    }
}
