import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird
import HummingbirdAuth

/// Signs a page request in from the browser session, the way ``SignInMiddleware`` does for
/// the API, but answers as a browser expects: no session → to the sign-in page (and back
/// here after); an ended session → the sign-in page saying so. A form posted to a page must
/// carry the session's CSRF token in its `csrf` field and come from this site.
struct WebPageMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let accounts: AccountService
    let settings: HTTPFrontEnd.Settings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context, request = request
        let back =
            request.method == .get ? "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_."))) ?? "/") : ""
        guard let session = context.sessions.session else { return WebPage.redirect("/login" + back) }
        guard case .active(let caller) = try await SignInMiddleware.check(session, context: context, accounts: accounts, settings: settings) else {
            return WebPage.redirect("/login?ended=1")
        }
        if request.method != .get, request.method != .head {
            // An upload (multipart) is streamed to its import, never collected here: its
            // form carries the token in its address instead.
            let sent: String?
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                sent = request.uri.queryParameters.get("csrf").map { String($0) }
            } else {
                sent = WebForm(String(buffer: try await request.collectBody(upTo: 256 * 1024)))["csrf"]
            }
            guard let sent, SignInMiddleware.constantTimeEqual(sent, session.csrf) else {
                throw ServiceError(.permission, "this form is out of date or came from elsewhere (CSRF); reload the page and try again")
            }
            if let problem = RequestOrigin(settings: settings).crossSiteProblem(request) { throw ServiceError(.permission, problem) }
        }
        context.caller = caller
        context.accessNote.login = caller.displayName
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            // Rendered here, where the caller is known (the page's tabs are their role's).
            return WebErrorMiddleware.page(error, request: request, context: context)
        }
    }
}

/// An HTML form's fields (`application/x-www-form-urlencoded`); the last value of a name wins.
struct WebForm {
    var fields: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? parts[1] : ""
        }
    }

    /// The field, trimmed; nil when absent or empty (an untouched form field is no value).
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        return WebForm(String(buffer: try await request.collectBody(upTo: 256 * 1024)))
    }
}

/// Turns a use case's refusal into a page in the reader's language: 403 "not yours", 404,
/// 422 with the service's message (it says what was wrong and how to fix it).
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return Self.page(error, request: request, context: context)
        }
    }

    static func page(_ error: ServiceError, request: Request, context: Context) -> Response {
        let catalog = WebPage.catalog(request, context)
        let (status, title): (HTTPResponse.Status, String) =
            switch error.code {
            case .permission: (.forbidden, catalog["forbidden_title"])
            case .notFound: (.notFound, catalog["not_found_title"])
            case .limit: (.tooManyRequests, catalog["invalid_title"])
            case .unavailable, .timeout: (.serviceUnavailable, catalog["invalid_title"])
            default: (.unprocessableContent, catalog["invalid_title"])
            }
        let explanation = error.code == .permission ? catalog["forbidden_text"] : nil
        return WebPage(template: "error", title: title, values: ["message": error.message, "explanation": explanation as Any], status: status)
            .response(catalog, context: context)
    }
}
