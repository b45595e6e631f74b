import Foundation
import Hummingbird
import NIOCore

/// Where a request comes from, as far as the server can tell: the client's address (behind
/// a trusted proxy, the last address of `X-Forwarded-For` that is not a trusted proxy) and
/// whether it was sent by a page of this site (`Origin`, else `Sec-Fetch-Site`).
struct RequestOrigin {
    let settings: HTTPFrontEnd.Settings

    /// The client's address for the sign-in throttle and the log.
    func clientAddress(_ request: Request, _ context: APIRequestContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        guard settings.trustedProxies.contains(peer), let forwarded = request.headers[.init("X-Forwarded-For")!] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !settings.trustedProxies.contains($0) } ?? hops.first ?? peer
    }

    /// Why the request is not from this site's own pages; nil when it is. A browser sends
    /// `Origin` on every POST; `Sec-Fetch-Site: same-origin` is accepted where it does not.
    func crossSiteProblem(_ request: Request) -> String? {
        if let origin = request.headers[.origin] {
            guard let expected = ownOrigin(request), Self.normalised(origin) == expected else {
                return "the request comes from \(origin), not from this site's pages (Origin must be \(ownOrigin(request) ?? "this site"))"
            }
            return nil
        }
        if let site = request.headers[.init("Sec-Fetch-Site")!] {
            return site == "same-origin" ? nil : "the request comes from another site (Sec-Fetch-Site: \(site))"
        }
        return "a request signed in with the session cookie must show where it comes from (Origin header); scripts use an API token instead"
    }

    /// `scheme://host[:port]` of this site: `http.public_url`, else the request's `Host`.
    private func ownOrigin(_ request: Request) -> String? {
        if let publicURL = settings.publicURL, let url = URL(string: publicURL), let scheme = url.scheme, let host = url.host {
            return Self.normalised("\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? ""))
        }
        guard let host = request.head.authority else { return nil }
        return Self.normalised("\(settings.usesTLS ? "https" : "http")://\(host)")
    }

    /// Lower case, default ports dropped: `HTTPS://X.example:443` is `https://x.example`.
    static func normalised(_ origin: String) -> String {
        var text = origin.lowercased()
        if text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("https://"), text.hasSuffix(":443") { text.removeLast(4) }
        if text.hasPrefix("http://"), text.hasSuffix(":80") { text.removeLast(3) }
        return text
    }
}
