import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird
import HummingbirdAuth

/// The pages' doors: the sign-in form (no JavaScript needed), signing out, choosing the
/// language, and the stylesheet and script the pages use (served from the package's
/// resources, cached for an hour).
extension HTTPFrontEnd {
    func addWebSignInRoutes(public pages: RouterGroup<APIRequestContext>, signedIn: RouterGroup<APIRequestContext>) {
        pages.get("login") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let query = request.uri.queryParameters
            let notice = query.get("ended") != nil ? catalog["session_ended"] : nil
            return Self.loginPage(catalog, context: context, next: WebPage.localPath(query.get("next")), notice: notice, problem: nil, status: .ok)
        }
        pages.post("login") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let origin = RequestOrigin(settings: settings)
            if let problem = origin.crossSiteProblem(request) { throw ServiceError(.permission, problem) }
            let form = try await WebForm.read(request)
            let next = WebPage.localPath(form["next"])
            let login = form["login"] ?? "", address = origin.clientAddress(request, context)
            switch try await useCases.accounts.signIn(login: login, password: form.fields["password"] ?? "", address: address) {
            case .signedIn(let caller):
                if let old = request.cookies[Self.sessionCookie]?.value { try? await useCases.webSessions.remove(key: "\(Self.sessionKeyPrefix)\(old)") }
                let saved = try await useCases.accounts.language(of: caller).flatMap { WebCatalog.languages.contains($0) ? $0 : nil }
                let chosen = saved ?? form["lang"].flatMap { WebCatalog.languages.contains($0) ? $0 : nil }
                let language = chosen ?? WebCatalog.negotiate(request.headers[.acceptLanguage])
                let session = WebSession(login: login, csrf: TokenService.randomText(), signedInAt: Date(), language: chosen)
                context.sessions.createSession(session, expiresIn: settings.sessionIdle)
                context.accessNote.login = caller.displayName
                context.logger.notice("signed in (web page)", metadata: ["login": "\(login)", "address": "\(address)", "language": "\(language)"])
                return WebPage.redirect(next ?? "/")
            case .refused:
                context.logger.warning("sign-in refused: wrong login or password", metadata: ["login": "\(login)", "address": "\(address)"])
                return Self.loginPage(catalog, context: context, next: next, notice: nil, problem: catalog["wrong_login"], status: .unauthorized)
            case .throttled(let seconds):
                context.logger.warning("sign-in throttled", metadata: ["login": "\(login)", "address": "\(address)", "retry_after": "\(seconds)"])
                var page = Self.loginPage(
                    catalog, context: context, next: next, notice: nil, problem: catalog.format("throttled", ["seconds": "\(seconds)"]), status: .tooManyRequests)
                page.headers[.retryAfter] = "\(seconds)"
                return page
            }
        }
        signedIn.post("logout") { _, context -> Response in
            context.sessions.clearSession()
            return WebPage.redirect("/login")
        }
        signedIn.post("language") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard var session = context.sessions.session, let language = form["language"], WebCatalog.languages.contains(language) else {
                throw ServiceError(.invalid, "language must be one of \(WebCatalog.languages.joined(separator: ", "))")
            }
            session.language = language
            _ = context.sessions.updateSession(session, expiresIn: settings.sessionIdle)
            try await useCases.accounts.setLanguage(language, for: try Self.caller(context))
            return WebPage.redirect(WebPage.localPath(form["back"]) ?? "/")
        }
        signedIn.get("/") { _, context -> Response in
            WebPage.redirect(context.caller?.manager != nil ? "/call" : "/board")
        }
        pages.get("assets/:file") { _, context -> Response in
            let name = context.parameters.get("file") ?? ""
            guard let type = Self.assetTypes[(name as NSString).pathExtension], !name.contains("/"), !name.hasPrefix("."),
                let url = Self.resourceDirectory?.appendingPathComponent("Assets").appendingPathComponent(name),
                let data = try? Data(contentsOf: url)
            else { throw ServiceError(.notFound, "no such file") }
            return Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600", .init("X-Content-Type-Options")!: "nosniff"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static let assetTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    static func loginPage(
        _ catalog: WebCatalog, context: APIRequestContext, next: String?, notice: String?, problem: String?, status: HTTPResponse.Status
    ) -> Response {
        WebPage(
            template: "login", title: catalog["sign_in_title"],
            values: [
                "next": next ?? "", "notice": notice as Any, "problem": problem as Any, "chosenLang": catalog.language,
                "languages": WebCatalog.languages.map { ["code": $0, "name": WebCatalog.named($0)["language_name"]] },
            ],
            status: status
        ).response(catalog, context: context)
    }
}
