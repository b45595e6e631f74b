import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird
import HummingbirdAuth

/// Signing in and out with a password, and accepting an invitation: the routes that run
/// before anyone is signed in (`login`, `invitations/accept`) and `me`/`logout`.
extension HTTPFrontEnd {
    func addSessionRoutes(public api: RouterGroup<APIRequestContext>, signedIn: RouterGroup<APIRequestContext>) {
        api.post("login") { request, context -> Response in
            let origin = RequestOrigin(settings: settings)
            // A login form posted from another site would sign the victim in as the attacker.
            if request.headers[.origin] != nil, let problem = origin.crossSiteProblem(request) { throw ServiceError(.permission, problem) }
            let body = try await Self.decode(LoginBody.self, from: request, context: context)
            let address = origin.clientAddress(request, context)
            switch try await useCases.accounts.signIn(login: body.login, password: body.password, address: address) {
            case .signedIn(let caller):
                if let old = request.cookies[Self.sessionCookie]?.value { try? await useCases.webSessions.remove(key: "\(Self.sessionKeyPrefix)\(old)") }
                let session = WebSession(login: body.login, csrf: TokenService.randomText(), signedInAt: Date())
                context.sessions.createSession(session, expiresIn: settings.sessionIdle)
                context.accessNote.login = caller.displayName
                context.logger.notice("signed in", metadata: ["login": "\(body.login)", "address": "\(address)"])
                return try Self.json(SignedIn(csrf: session.csrf, login: body.login, role: caller.role.description, manager: caller.manager), status: .ok)
            case .refused:
                context.logger.warning("sign-in refused: wrong login or password", metadata: ["login": "\(body.login)", "address": "\(address)"])
                return try APIError.unauthenticated("wrong login or password")
            case .throttled(let seconds):
                context.logger.warning("sign-in throttled", metadata: ["login": "\(body.login)", "address": "\(address)", "retry_after": "\(seconds)"])
                var response = try APIError.response(
                    for: ServiceError(.limit, "too many failed sign-ins for this account or address; try again in \(seconds) s"))
                response.headers[.retryAfter] = "\(seconds)"
                return response
            }
        }
        api.post("invitations/accept") { request, context -> Response in
            let body = try await Self.decode(InvitationBody.self, from: request, context: context)
            let login = try await useCases.accounts.acceptInvitation(token: body.token, password: body.password)
            context.logger.notice("invitation accepted, password set", metadata: ["login": "\(login)"])
            return try Self.json(Accepted(login: login), status: .ok)
        }
        signedIn.post("logout") { _, context -> Response in
            context.sessions.clearSession()
            return try Self.json(["ok": true], status: .ok)
        }
        signedIn.get("me") { _, context -> Response in
            let caller = try Self.caller(context)
            return try Self.json(Me(login: caller.name, role: caller.role.description, manager: caller.manager, csrf: context.sessions.session?.csrf), status: .ok)
        }
    }

    static let sessionCookie = "callsheet_session"
    static let sessionKeyPrefix = "session."

    struct LoginBody: Decodable {
        var login: String
        var password: String
    }

    struct InvitationBody: Decodable {
        var token: String
        var password: String
    }

    struct SignedIn: Encodable {
        var ok = true
        var csrf: String
        var login: String
        var role: String
        var manager: String?
    }

    struct Accepted: Encodable {
        var ok = true
        var login: String
    }

    struct Me: Encodable {
        var login: String?
        var role: String
        var manager: String?
        /// The session's CSRF token again (a page reloaded after sign-in needs it); absent
        /// for API tokens.
        var csrf: String?
    }
}
