/// How a message reaches the relay: SMTP, or a `sendmail`-compatible program (both in the
/// daemon). The outbox decides from the answer whether to mark the message sent, try again
/// later, or give up.
public protocol MailTransport: Sendable {
    func deliver(_ message: String, from: String, to: String) async -> MailDelivery
    /// `mail test`: the delivery with what was said on the way (SMTP's lines; a program's
    /// output), for an administrator checking the relay.
    func deliverShowingConversation(_ message: String, from: String, to: String) async -> MailConversation
}

extension MailTransport {
    public func deliverShowingConversation(_ message: String, from: String, to: String) async -> MailConversation {
        let delivery = await deliver(message, from: from, to: to)
        return MailConversation(delivery: delivery, transcript: [])
    }
}

/// The relay's answer, sorted the way the outbox acts on it.
public enum MailDelivery: Sendable, Equatable {
    /// Taken (SMTP `250`, or the program exited 0): never sent again.
    case accepted(String)
    /// Try again later: SMTP `4xx`, connection refused or timed out, `EX_TEMPFAIL` (75).
    case temporary(String)
    /// Never going to work: SMTP `5xx`, any other program failure.
    case permanent(String)

    /// The answer's text.
    public var text: String {
        switch self {
        case .accepted(let text), .temporary(let text), .permanent(let text): text
        }
    }
}

/// A delivery and the conversation that led to it.
public struct MailConversation: Sendable, Equatable {
    public var delivery: MailDelivery
    public var transcript: [String]

    public init(delivery: MailDelivery, transcript: [String]) {
        self.delivery = delivery
        self.transcript = transcript
    }
}
