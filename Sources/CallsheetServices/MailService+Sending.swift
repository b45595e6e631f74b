public import CallsheetDomain
import CallsheetStore
public import Foundation

/// `mail send` and `mail test`: a message now, through the configured relay, with its
/// answer. Both are kept in the outbox (kinds `manual` and `test`) so `mail outbox` shows
/// everything that left; neither touches the once-a-day key of the morning messages.
extension MailService {
    /// What `mail send` did.
    public struct Sent: Sendable, Equatable {
        public var outboxID: Int
        public var address: String
        public var subject: String
        public var delivery: MailDelivery
    }

    /// `mail send LOGIN`: the person's morning message of today, sent now even if the
    /// scheduled one went already or there is nothing to do. A temporary failure leaves it
    /// in the outbox for the scheduler to retry.
    public func sendNow(login: String, as caller: Caller) async throws -> Sent {
        try Authorization.check(caller, .sendMail)
        let (transport, from) = try readyToSend()
        let preview = try await preview(login: login, date: nil, as: caller)
        guard let address = preview.address else {
            throw ServiceError(.invalid, "'\(login)' has no e-mail address (\(preview.kind == "admin-day" ? "admin" : "manager") edit \(login) --email ADDRESS)")
        }
        var message = preview.message
        message.messageID = "<manual.\(login).\(preview.day).\(UUID().uuidString.lowercased())@\(from.domain)>"
        let now = self.now
        let text = message.rendered()
        let id = try await database.useCase { tx in
            try await tx.insertSendingMail(
                kind: "manual", login: login, address: address, day: preview.day, subject: message.subject, message: text, messageID: message.messageID,
                now: now, giveUpAt: now.addingTimeInterval(Double(settings.retryHours) * 3_600))
        }
        let answer = await transport.deliver(text, from: from.text, to: address)
        try await record(answer, of: id, attempts: 1, now: now)
        return Sent(outboxID: id, address: address, subject: message.subject, delivery: answer)
    }

    /// `mail test ADDRESS`: a short message to `address`, with the relay's conversation
    /// (SMTP's lines, credentials masked). Not retried: the answer is the point.
    public func test(address: String, as caller: Caller) async throws -> MailConversation {
        try Authorization.check(caller, .sendMail)
        let (transport, from) = try readyToSend()
        if let problem = EmailAddress.problem(with: address) { throw ServiceError(.invalid, "ADDRESS: " + problem) }
        let now = self.now
        let message = message(
            to: address, name: address, subject: "Callsheet: test message",
            text: "This is a test message from Callsheet (mail test). The daily e-mail reaches this address.",
            html: "<!doctype html><html><body><p>This is a test message from Callsheet (<code>mail test</code>). The daily e-mail reaches this address.</p></body></html>",
            id: "test.\(UUID().uuidString.lowercased())")
        let text = message.rendered()
        let id = try await database.useCase { tx in
            try await tx.insertSendingMail(
                kind: "test", login: nil, address: address, day: nil, subject: message.subject, message: text, messageID: message.messageID, now: now, giveUpAt: now)
        }
        let conversation = await transport.deliverShowingConversation(text, from: from.text, to: address)
        let final: MailDelivery
        if case .temporary(let reason) = conversation.delivery { final = .permanent(reason) } else { final = conversation.delivery }
        try await record(final, of: id, attempts: 1, now: now)
        return conversation
    }

    private func readyToSend() throws -> (any MailTransport, EmailAddress) {
        guard let from = settings.from else { throw ServiceError(.invalid, "mail.from is not set in the config: no e-mail can be sent") }
        guard let transport else { throw ServiceError(.invalid, "no relay configured: set mail.smtp (host, port, security) or mail.sendmail in the config") }
        return (transport, from)
    }
}
