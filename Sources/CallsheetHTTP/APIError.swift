import CallsheetServices
import Foundation
import Hummingbird

/// Errors as the API answers them: a status from the use case's error code and a JSON body
/// `{"code": "PERM", "message": "…"}` with the same codes and messages as the console.
enum APIError {
    static func response(for error: ServiceError) throws -> Response {
        let (status, code): (HTTPResponse.Status, String) =
            switch error.code {
            case .notFound: (.notFound, "NOT_FOUND")
            case .conflict: (.conflict, "CONFLICT")
            case .invalid: (.badRequest, "INVALID")
            case .unavailable: (.serviceUnavailable, "UNAVAILABLE")
            case .permission: (.forbidden, "PERM")
            case .limit: (.tooManyRequests, "LIMIT")
            case .timeout: (.gatewayTimeout, "TIMEOUT")
            }
        return try HTTPFrontEnd.json(Body(code: code, message: error.message, details: error.details.isEmpty ? nil : error.details), status: status)
    }

    static func unauthorized(_ message: String) throws -> Response {
        var response = try HTTPFrontEnd.json(Body(code: "UNAUTHORIZED", message: message, details: nil), status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Bearer realm=\"callsheet\""
        return response
    }

    struct Body: Encodable {
        var code: String
        var message: String
        var details: [String]?
    }
}

/// Turns a use case's ``ServiceError`` thrown by any route into its API answer.
struct ServiceErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return try APIError.response(for: error)
        }
    }
}
