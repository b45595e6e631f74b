/// How a message reaches the relay: SMTP, or a `sendmail`-compatible program (both in the
/// daemon). The outbox decides from the answer whether to mark the message sent, try again
/// later, or give up.
public protocol MailTransport: Sendable {
    func deliver(_ message: String, from: String, to: String) async -> MailDelivery
}

/// The relay's answer, sorted the way the outbox acts on it.
public enum MailDelivery: Sendable, Equatable {
    /// Taken (SMTP `250`, or the program exited 0): never sent again.
    case accepted(String)
    /// Try again later: SMTP `4xx`, connection refused or timed out, `EX_TEMPFAIL` (75).
    case temporary(String)
    /// Never going to work: SMTP `5xx`, any other program failure.
    case permanent(String)
}
