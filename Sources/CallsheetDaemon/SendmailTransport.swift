import CallsheetServices
import Foundation

/// Hands a message to a `sendmail`-compatible program (`mail.sendmail`, such as
/// `/usr/sbin/sendmail` of Postfix, Exim or msmtp) — the Unix convention: the program
/// queues it and talks to the relay. `-i` (a line of one dot is text), `-f` the envelope
/// sender, the recipient after `--`. Exit 0 is accepted, 75 (`EX_TEMPFAIL`) a temporary
/// failure, anything else permanent, with the program's output as the reason.
struct SendmailTransport: MailTransport {
    let program: String

    func deliver(_ message: String, from: String, to: String) async -> MailDelivery {
        let file = NSTemporaryDirectory() + "callsheet-mail-\(UUID().uuidString).eml"
        defer { unlink(file) }
        do {
            guard FileManager.default.createFile(atPath: file, contents: Data(message.utf8), attributes: [.posixPermissions: 0o600]) else {
                return .temporary("cannot write the message to \(file)")
            }
            let result = try await ExternalProgram.run(program, ["-i", "-f", from, "--", to], input: file)
            switch result.status {
            case 0: return .accepted("\(program) took it")
            case 75: return .temporary("\(program) exited 75 (temporary failure): \(result.output)")
            default: return .permanent("\(program) exited \(result.status): \(result.output)")
            }
        } catch {
            return .temporary("cannot run \(program): \(error)")
        }
    }
}
