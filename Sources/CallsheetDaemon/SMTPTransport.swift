import CallsheetServices
import NIOSSL
import Synchronization

/// The daily e-mail through an SMTP relay (`mail.smtp`): one connection per message, so a
/// relay restart or a dropped connection costs one retry, never a stuck session. The TLS
/// context is built once, at start, so a bad `ca_file` stops the daemon with a message
/// instead of failing every morning.
struct SMTPTransport: MailTransport {
    let settings: SMTPSettings
    private let tls: NIOSSLContext?

    init(settings: SMTPSettings) throws(ConfigurationError) {
        self.settings = settings
        guard settings.security != .none else {
            self.tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        do {
            self.tls = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError("mail.smtp.ca_file \"\(settings.caFile ?? "")\": cannot use it for TLS: \(error)")
        }
    }

    func deliver(_ message: String, from: String, to: String) async -> MailDelivery {
        await deliverShowingConversation(message, from: from, to: to).delivery
    }

    func deliverShowingConversation(_ message: String, from: String, to: String) async -> MailConversation {
        let transcript = Mutex<[String]>([])
        let delivery: MailDelivery
        do {
            let reply = try await SMTPConversation.deliver(
                message, from: from, to: to, settings: settings, tls: tls, record: { lines in transcript.withLock { $0 = lines } })
            delivery = .accepted(reply.summary)
        } catch let failure as SMTPFailure {
            delivery = failure.isPermanent ? .permanent(failure.message) : .temporary(failure.message)
        } catch {
            delivery = .temporary("\(error)")
        }
        return MailConversation(delivery: delivery, transcript: transcript.withLock { $0 })
    }
}
