/// `mail.smtp:` — the relay the daily e-mail goes to. Defaults: port 587 with STARTTLS
/// (the submission port), 465 with `security: tls`, 25 with `none`; 10 s to connect, 60 s
/// for each answer. A user name needs TLS (`starttls` or `tls`): a password is never sent
/// in clear.
struct SMTPSettings: Sendable, Equatable {
    enum Security: String, Sendable, CaseIterable {
        /// Plain connection, then `STARTTLS` before anything else; refused if not offered.
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption (a relay on the same host or a trusted network).
        case none
    }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    /// From `password`, or read from `password_file` at start (trailing newline removed).
    var password: String?
    /// `ca_file`: PEM certificates to trust instead of the system's (a private relay's).
    var caFile: String?
    /// `helo`: the name we give in `EHLO`; default the machine's host name.
    var helo: String?
    var connectTimeoutSeconds = 10
    var commandTimeoutSeconds = 60

    init(host: String, port: Int? = nil, security: Security = .starttls) {
        self.host = host
        self.security = security
        self.port = port ?? (security == .tls ? 465 : security == .starttls ? 587 : 25)
    }
}
