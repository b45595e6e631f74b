import CallsheetServices
import Foundation
import Hummingbird

/// Errors as the API answers them: `{"ok": false, "code": "PERM", "message": "…"}` with the
/// console's codes and messages, and the HTTP status each code stands for.
enum APIError {
    static func status(of code: ServiceError.Code) -> (HTTPResponse.Status, String) {
        switch code {
        case .notFound: (.notFound, "NOT_FOUND")
        case .conflict: (.conflict, "CONFLICT")
        case .invalid: (.unprocessableContent, "INVALID")
        case .unavailable: (.serviceUnavailable, "UNAVAILABLE")
        case .permission: (.forbidden, "PERM")
        case .limit: (.tooManyRequests, "LIMIT")
        case .timeout: (.gatewayTimeout, "TIMEOUT")
        }
    }

    static func response(for error: ServiceError) throws -> Response {
        let (status, code) = status(of: error.code)
        return try HTTPFrontEnd.json(Body(code: code, message: error.message, details: error.details.isEmpty ? nil : error.details), status: status)
    }

    static func unauthenticated(_ message: String) throws -> Response {
        var response = try HTTPFrontEnd.json(Body(code: "UNAUTHENTICATED", message: message, details: nil), status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Bearer realm=\"callsheet\""
        return response
    }

    struct Body: Encodable {
        var ok = false
        var code: String
        var message: String
        var details: [String]?

        init(code: String, message: String, details: [String]?) {
            (self.code, self.message, self.details) = (code, message, details)
        }
    }
}

/// Turns what a route throws into its API answer: a use case's ``ServiceError`` as above,
/// Hummingbird's own errors (no such route, wrong method, bad body) in the same shape, and
/// anything else as a 500 whose details stay in the log.
struct ServiceErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return try APIError.response(for: error)
        } catch let error as HTTPError {
            let code =
                switch error.status {
                case .notFound: "NOT_FOUND"
                case .methodNotAllowed: "METHOD"
                case .unauthorized: "UNAUTHENTICATED"
                case .forbidden: "PERM"
                default: error.status.code < 500 ? "INVALID" : "INTERNAL"
                }
            return try HTTPFrontEnd.json(APIError.Body(code: code, message: error.body ?? error.status.reasonPhrase, details: nil), status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try HTTPFrontEnd.json(APIError.Body(code: "INTERNAL", message: "internal error (logged by the daemon)", details: nil), status: .internalServerError)
        }
    }
}
