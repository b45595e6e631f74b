import CallsheetServices
import Logging
import ServiceLifecycle

/// The daily e-mail's clock: every ``interval`` it puts the morning messages that are due
/// in the outbox (``MailService/enqueueMorningMessages(now:)``) and sends what is due
/// through the configured transport. Every daemon on a database runs one; the outbox's
/// unique keys and `SKIP LOCKED` claims keep each message to one copy and one sender.
struct MailScheduler: Service {
    let mail: MailService
    let transport: any MailTransport
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func tick() async {
        do {
            let queued = try await mail.enqueueMorningMessages()
            if queued > 0 { logger.info("mail: morning messages queued", metadata: ["messages": "\(queued)"]) }
            let sent = try await mail.sendDue(through: transport)
            if sent > 0 { logger.info("mail: messages accepted by the relay", metadata: ["messages": "\(sent)"]) }
        } catch {
            logger.warning("mail: a round of the outbox failed; next round in \(interval)", metadata: ["error": "\(error)"])
        }
    }
}
