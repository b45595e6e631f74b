import CallsheetDomain
import Foundation
import Hummingbird

/// One server-rendered page: a Mustache template with the layout's values (the catalog's
/// words as `t`, the language, who is signed in, the CSRF token for forms, which tab is
/// open), served with a strict Content-Security-Policy — the page's own stylesheet and
/// script only, nothing inline, no other site.
struct WebPage {
    var template: String
    var title: String
    var values: [String: Any] = [:]
    var status: HTTPResponse.Status = .ok
    /// `call`, `agenda`, `clients`, `board`, `managers`, `lists` or `import`: the tab shown as current.
    var tab: String?

    static let securityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func response(_ catalog: WebCatalog, context: APIRequestContext) -> Response {
        // An absent optional is no value: Mustache would print "nil" for it.
        var all = values.filter { !Self.isNone($0.value) }
        all["t"] = catalog.strings
        all["lang"] = catalog.language
        all["title"] = title
        if let session = context.sessions.session {
            all["csrf"] = session.csrf
            all["isManager"] = context.caller?.role == .manager
            all["isAdmin"] = context.caller?.role == .admin
            all["signedInAs"] = catalog.format("signed_in_as", ["name": context.caller?.name ?? session.login])
            all["languages"] = WebCatalog.languages.map { ["code": $0, "name": WebCatalog.named($0)["language_name"], "selected": $0 == catalog.language] }
        }
        if let tab { all["tab_\(tab)"] = true }
        return Self.html(WebTemplates.render(template, all), status: status)
    }

    static func isNone(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }

    /// The client card's fields as the call page and the client page show them.
    static func clientCard(_ client: ClientRecord) -> [String: Any] {
        [
            "client": client.name, "clientID": client.id, "contact": client.contact as Any, "email": client.email as Any,
            "segment": client.segment, "importance": client.importance, "notes": client.notes as Any,
            "tags": client.tags.isEmpty ? nil : client.tags.joined(separator: ", ") as Any,
            "phones": client.phones.map { ["e164": $0.e164, "raw": $0.raw, "dial": $0.e164 + ($0.extensionDigits.map { ",\($0)" } ?? "")] },
        ]
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] = securityPolicy
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `303 See Other` to `location` (after a form: the browser GETs it, a reload does
    /// not post again).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The page's language: `?lang=` on the address (the sign-in page's links), the one
    /// chosen on the pages for this session, else the browser's preference.
    static func catalog(_ request: Request, _ context: APIRequestContext) -> WebCatalog {
        if let asked = request.uri.queryParameters.get("lang").map({ String($0) }), WebCatalog.languages.contains(asked) { return WebCatalog.named(asked) }
        if let chosen = context.sessions.session?.language { return WebCatalog.named(chosen) }
        return WebCatalog.named(WebCatalog.negotiate(request.headers[.acceptLanguage]))
    }

    /// A relative path on this site to go back to after signing in; anything else
    /// (another site, `//host`) is dropped.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return nil }
        return text
    }
}
