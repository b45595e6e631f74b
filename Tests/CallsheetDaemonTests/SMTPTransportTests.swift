import CallsheetServices
import CallsheetTestSupport
import Foundation
import Testing

@testable import CallsheetDaemon

/// The SMTP client against a real server (aiosmtpd): STARTTLS on a self-signed
/// certificate trusted through `ca_file`, AUTH, and every way it can go wrong sorted the
/// way the outbox acts on it — a wrong password or a refused recipient is permanent; a
/// relay that is down, does not offer STARTTLS, or shows a certificate we do not trust is
/// temporary (fixed on the relay's side, the message still goes).
@Suite struct SMTPTransportTests {
    static let message = "From: calls@example.com\r\nTo: anna@example.com\r\nSubject: test\r\n\r\nZa=C5=BC=C3=B3=C5=82=C4=87\r\n.leading dot\r\n..two\r\n"

    static func settings(_ relay: SMTPRelay, security: SMTPSettings.Security = .starttls, user: String? = "callsheet", password: String? = "s3cret pass") -> SMTPSettings {
        var settings = SMTPSettings(host: "localhost", port: relay.port, security: security)
        settings.username = user
        settings.password = password
        settings.caFile = relay.certificate
        settings.commandTimeoutSeconds = 10
        return settings
    }

    @Test func startTLSAndAuthDeliverTheMessageIntact() async throws {
        let relay = try await SMTPRelay.start(tls: true, auth: ("callsheet", "s3cret pass"), reject: ["nobody@example.com"])
        let transport = try SMTPTransport(settings: Self.settings(relay))
        let conversation = await transport.deliverShowingConversation(Self.message, from: "calls@example.com", to: "anna@example.com")
        guard case .accepted(let reply) = conversation.delivery else {
            Issue.record("not accepted: \(conversation)")
            return
        }
        #expect(reply.hasPrefix("250 2.0.0 Ok: queued as test-"))
        #expect(conversation.transcript.contains("TLS started") && conversation.transcript.contains("C: AUTH PLAIN (credentials of callsheet)"), "\(conversation.transcript)")
        #expect(!conversation.transcript.joined().contains("s3cret") && !conversation.transcript.joined().contains("c3NjcmV0"), "no password in the transcript")
        let received = try await relay.messages()
        #expect(received.count == 1 && received[0].tls == "yes" && received[0].auth == "callsheet" && received[0].mailFrom == "calls@example.com")
        #expect(received[0].parts.first?.text.contains(".leading dot\n..two") == true, "dot-stuffing undone by the server: \(received[0].parts)")

        let refused = await transport.deliver(Self.message, from: "calls@example.com", to: "nobody@example.com")
        guard case .permanent(let reason) = refused else {
            Issue.record("a 550 is permanent: \(refused)")
            return
        }
        #expect(reason.contains("RCPT TO <nobody@example.com>: the relay answered 550"), "\(reason)")

        let wrongPassword = try SMTPTransport(settings: Self.settings(relay, password: "wrong"))
        guard case .permanent(let auth) = await wrongPassword.deliver(Self.message, from: "calls@example.com", to: "anna@example.com") else {
            Issue.record("a refused password is permanent")
            return
        }
        #expect(auth.contains("AUTH PLAIN: the relay answered 535"), "\(auth)")

        var untrusted = Self.settings(relay)
        untrusted.caFile = nil
        let strict = await (try SMTPTransport(settings: untrusted)).deliver(Self.message, from: "calls@example.com", to: "anna@example.com")
        guard case .temporary = strict else {
            Issue.record("an untrusted certificate is not accepted: \(strict)")
            return
        }
        #expect(try await relay.messages().count == 1, "nothing else arrived")
        await relay.remove()
    }

    @Test func plainRelaysAndRelaysThatAreNotThere() async throws {
        let relay = try await SMTPRelay.start()
        let plain = try SMTPTransport(settings: Self.settings(relay, security: .none, user: nil, password: nil))
        #expect(await plain.deliver(Self.message, from: "calls@example.com", to: "anna@example.com").text.hasPrefix("250 "))
        #expect(try await relay.messages().first?.tls == "no")

        let wantsTLS = try SMTPTransport(settings: Self.settings(relay, user: nil, password: nil))
        let refused = await wantsTLS.deliver(Self.message, from: "calls@example.com", to: "anna@example.com")
        #expect(refused == .temporary("the relay does not offer STARTTLS (mail.smtp.security is starttls; use none for a relay without TLS)"), "\(refused)")
        await relay.remove()

        let gone = await plain.deliver(Self.message, from: "calls@example.com", to: "anna@example.com")
        guard case .temporary(let reason) = gone else {
            Issue.record("a relay that is down is a temporary failure: \(gone)")
            return
        }
        #expect(reason.contains("cannot connect to localhost:\(relay.port)"), "\(reason)")
    }

    @Test func dataIsDotStuffed() {
        #expect(SMTPConversation.dataBlock("a\r\n.b\r\n.\r\n") == "a\r\n..b\r\n..\r\n.\r\n")
        #expect(SMTPConversation.dataBlock("no newline at end") == "no newline at end\r\n.\r\n")
        #expect(SMTPConversation.serverName("127.0.0.1") == nil && SMTPConversation.serverName("::1") == nil)
        #expect(SMTPConversation.serverName("smtp.example.com") == "smtp.example.com")
    }
}
