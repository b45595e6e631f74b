import CallsheetDomain
import CallsheetServices
import Hummingbird

/// Signs an `/api` request in from `Authorization: Bearer cs_…` (an API token made with
/// `token create`): the token's login and its role now. No or a wrong token is 401 with
/// `WWW-Authenticate: Bearer`; the use cases decide everything else (403 and so on).
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = APIRequestContext
    let tokens: TokenService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return try APIError.unauthorized("send an API token: Authorization: Bearer TOKEN (token create LOGIN --name NAME on the console)")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let caller = try await tokens.caller(forToken: token) else {
            return try APIError.unauthorized("the token is unknown or revoked, or its login no longer has access")
        }
        var context = context
        context.caller = caller
        return try await next(request, context)
    }
}
