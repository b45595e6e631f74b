import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `http:` settings: where the HTTP API listens and how it is reached from outside.
///
/// Defaults: `127.0.0.1:8080`, plain HTTP (loopback only). A listener on any other address
/// must speak TLS (`tls.certificate` + `tls.key`, PEM files) unless `allow_plaintext: true`
/// says a TLS-terminating proxy sits in front — passwords and session cookies never cross
/// a network in clear by accident.
public struct HTTPSettings: Sendable, Equatable {
    /// `host`: the address to listen on. Default `127.0.0.1`.
    public var host = "127.0.0.1"
    /// `port`: default 8080; 0 turns the HTTP API off.
    public var port = 8080
    /// `public_url`: how people reach the API (for links in e-mails and invitations).
    public var publicURL: String?
    /// `allow_plaintext`: listen without TLS on a non-loopback address (behind a proxy).
    public var allowPlaintext = false
    /// `trusted_proxies`: addresses whose `X-Forwarded-*` headers are believed.
    public var trustedProxies: [String] = []
    /// `tls.certificate` / `tls.key`: PEM files; with both, the server speaks HTTPS.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// `session.idle_minutes`: a web session unused this long ends (default 120: a long
    /// lunch ends it, a morning of calls does not).
    public var sessionIdleMinutes = 120
    /// `session.lifetime_hours`: a web session ends this long after sign-in whatever its
    /// use (default 12: one working day; the next morning starts with a sign-in).
    public var sessionLifetimeHours = 12
    /// `password_cost`: Bcrypt's cost for web passwords, 10–14 (default 12: about a quarter
    /// second a hash here; each step doubles it — for guessing from a stolen database, and
    /// for every sign-in).
    public var passwordCost = 12

    public init() {}

    /// Where people open the web screens: `public_url`, else the listener's own address.
    public var siteURL: String? {
        guard isEnabled else { return nil }
        if let publicURL { return publicURL }
        let host = self.host.contains(":") && !self.host.hasPrefix("[") ? "[\(self.host)]" : self.host
        return "\(usesTLS ? "https" : "http")://\(host):\(port)"
    }

    public var isEnabled: Bool { port != 0 }
    public var usesTLS: Bool { tlsCertificate != nil }

    /// Loopback: `127.0.0.0/8`, `::1` and `localhost`.
    public var listensOnLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The start-up rules that need several keys at once; each message names the keys to set.
    public func check() throws(ConfigurationError) {
        guard isEnabled else { return }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ConfigurationError("http.tls needs both certificate and key (PEM files); only \(tlsCertificate == nil ? "key" : "certificate") is given")
        }
        if !listensOnLoopback, !usesTLS, !allowPlaintext {
            throw ConfigurationError(
                "http.host \(host) is not a loopback address and http.tls is not set: passwords and sessions would cross the network in clear. "
                    + "Give http.tls.certificate and http.tls.key, or set http.allow_plaintext: true when a TLS-terminating proxy is in front")
        }
        if let bad = trustedProxies.first(where: { !Self.isAddress($0) }) {
            throw ConfigurationError("http.trusted_proxies: \"\(bad)\" is not an IP address (such as 127.0.0.1 or ::1)")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw ConfigurationError("http.public_url \"\(publicURL)\" is not an http(s) URL such as https://calls.example.com")
            }
        }
    }

    /// An IPv4 or IPv6 address in text form.
    static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
