/// Why an SMTP conversation did not end with the message accepted, sorted the way the
/// outbox acts on it: a refusal with a 5xx code is permanent, everything else (4xx, the
/// connection refused, reset or silent, TLS that would not start) is tried again later.
struct SMTPFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        /// The server answered 4xx.
        case temporary
        /// The server answered 5xx.
        case permanent
        case connection
        case timedOut
        case protocolError
        /// TLS failed or was not offered where `mail.smtp.security` asks for it.
        case tls
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var isPermanent: Bool { kind == .permanent }
    var description: String { message }
}
