import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// `GET /invite/{token}`: the page an invitation link opens (`account invite`), where the
/// person chooses their password; `POST` sets it (HTML form, no JavaScript). The token in
/// the address is the secret; a form posted from another site is refused all the same.
extension HTTPFrontEnd {
    func addInvitationRoutes(to router: Router<APIRequestContext>) {
        router.get("/invite/:token") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let login = try await useCases.accounts.invitationLogin(token: token) else {
                return Self.page(Self.invitationGone, status: .notFound)
            }
            return Self.page(["title": "Set your password", "form": true, "login": login, "action": "/invite/\(token)"], status: .ok)
        }
        router.post("/invite/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            if request.headers[.origin] != nil, let problem = RequestOrigin(settings: settings).crossSiteProblem(request) {
                return Self.page(["title": "Set your password", "problem": problem], status: .forbidden)
            }
            guard let login = try await useCases.accounts.invitationLogin(token: token) else {
                return Self.page(Self.invitationGone, status: .notFound)
            }
            let form = try await Self.form(PasswordForm.self, request)
            let again: [String: Any] = ["title": "Set your password", "form": true, "login": login, "action": "/invite/\(token)"]
            guard let form, let password = form.password, form.again == password else {
                return Self.page(again.merging(["problem": "The two passwords differ; type the same one twice."]) { $1 }, status: .unprocessableContent)
            }
            do {
                _ = try await useCases.accounts.acceptInvitation(token: token, password: password)
            } catch let error as ServiceError where error.code == .invalid {
                return Self.page(again.merging(["problem": error.message]) { $1 }, status: .unprocessableContent)
            } catch let error as ServiceError where error.code == .notFound {
                return Self.page(Self.invitationGone, status: .notFound)
            }
            context.logger.notice("invitation accepted, password set", metadata: ["login": "\(login)"])
            return Self.page(["title": "Password set", "done": true, "login": login], status: .ok)
        }
    }

    static var invitationGone: [String: Any] {
        [
            "title": "Set your password", "problem": "This invitation link is unknown, used or expired. Ask an administrator for a new one.",
        ]
    }

    /// The invitation page's form fields.
    struct PasswordForm: Decodable {
        var password: String?
        var again: String?
    }

    /// An `application/x-www-form-urlencoded` body (Hummingbird's decoder); nil when it is
    /// not one.
    static func form<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return try? URLEncodedFormDecoder().decode(type, from: String(buffer: buffer))
    }

    static func page(_ values: [String: Any], status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        var values = values
        values["language"] = "en"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: WebTemplates.render("invite", values))))
    }
}
