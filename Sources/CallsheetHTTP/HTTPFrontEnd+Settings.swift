extension HTTPFrontEnd {
    /// What the routes need of the daemon's `http:` configuration.
    public struct Settings: Sendable, Equatable {
        /// The site's own origin (`https://calls.example.com`): state-changing requests of
        /// a session must come from it. Nil: the request's own `Host`.
        public var publicURL: String?
        /// Whether the listener speaks TLS (the session cookie is then `Secure`).
        public var usesTLS: Bool
        /// Peers whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
        public var trustedProxies: [String]
        /// A session unused this long ends.
        public var sessionIdle: Duration
        /// A session ends this long after sign-in, whatever its use.
        public var sessionLifetime: Duration

        public init(
            publicURL: String? = nil, usesTLS: Bool = false, trustedProxies: [String] = [], sessionIdle: Duration = .seconds(7_200),
            sessionLifetime: Duration = .seconds(43_200)
        ) {
            self.publicURL = publicURL
            self.usesTLS = usesTLS
            self.trustedProxies = trustedProxies
            self.sessionIdle = sessionIdle
            self.sessionLifetime = sessionLifetime
        }
    }
}
