import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird
import HummingbirdAuth

/// Signs a request in, from an API token (`Authorization: Bearer cs_…`, for scripts: no
/// CSRF, no cookie) or from the browser session. A session must be within its lifetime,
/// its login must still have a role, and a state-changing request must echo the session's
/// CSRF token in `X-CSRF-Token` and come from this site (``RequestOrigin``). Each request
/// renews the session's idle time (at most once a minute, and never past its lifetime).
/// Anything else is 401 (not signed in) or 403 (CSRF); the use cases decide the rest.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let tokens: TokenService
    let accounts: AccountService
    let settings: HTTPFrontEnd.Settings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.headers[.authorization] != nil {
            guard let token = Self.bearerToken(request) else {
                return try APIError.unauthenticated("the Authorization header takes an API token: Authorization: Bearer TOKEN")
            }
            guard let caller = try await tokens.caller(forToken: token) else {
                return try APIError.unauthenticated("the token is unknown or revoked, or its login no longer has access")
            }
            context.caller = caller
        } else if let session = context.sessions.session {
            let caller: Caller
            switch try await Self.check(session, context: context, accounts: accounts, settings: settings) {
            case .active(let person): caller = person
            case .ended: return try APIError.unauthenticated("your session ended; sign in again")
            case .revoked: return try APIError.unauthenticated("your account no longer has access")
            }
            if request.method != .get, request.method != .head {
                if let problem = csrfProblem(request, session) { throw ServiceError(.permission, problem) }
            }
            context.caller = caller
        } else {
            return try APIError.unauthenticated("sign in first (POST /api/v1/login) or send an API token (Authorization: Bearer TOKEN)")
        }
        context.accessNote.login = context.caller.map(\.displayName)
        return try await next(request, context)
    }

    private func csrfProblem(_ request: Request, _ session: WebSession) -> String? {
        guard let sent = request.headers[.init("X-CSRF-Token")!] else {
            return "a change made with the session cookie needs the session's CSRF token in X-CSRF-Token (the login answer's \"csrf\")"
        }
        guard Self.constantTimeEqual(sent, session.csrf) else { return "the X-CSRF-Token does not match this session's" }
        return RequestOrigin(settings: settings).crossSiteProblem(request)
    }

    /// What a browser session is worth now, for the API and the pages alike.
    enum SessionState {
        /// Within its lifetime and the login still has a role; its idle time is renewed.
        case active(Caller)
        /// Past its absolute lifetime (the session is cleared).
        case ended
        /// The login lost its role or was revoked (the session is cleared).
        case revoked
    }

    static func check(_ session: WebSession, context: Context, accounts: AccountService, settings: HTTPFrontEnd.Settings) async throws -> SessionState {
        let age = Date().timeIntervalSince(session.signedInAt)
        let lifetime = Double(settings.sessionLifetime.components.seconds)
        guard age < lifetime else {
            context.sessions.clearSession()
            return .ended
        }
        guard let caller = try await accounts.caller(forSessionOf: session.login) else {
            context.sessions.clearSession()
            return .revoked
        }
        renew(session, context: context, settings: settings, remaining: lifetime - age)
        return .active(caller)
    }

    /// Pushes the idle expiry out again, when more than a minute of it has been used.
    private static func renew(_ session: WebSession, context: Context, settings: HTTPFrontEnd.Settings, remaining lifetime: Double) {
        let idle = Double(settings.sessionIdle.components.seconds)
        if let left = context.sessions.withLockedSession({ $0?.expiresIn.map { Double($0.components.seconds) } }), left < idle - 60 {
            _ = context.sessions.updateSession(session, expiresIn: .seconds(Int(min(idle, lifetime))))
        }
    }

    /// The token of `Authorization: Bearer TOKEN`; nil without one.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
