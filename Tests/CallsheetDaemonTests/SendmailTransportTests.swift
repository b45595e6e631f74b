import CallsheetServices
import Foundation
import Testing

@testable import CallsheetDaemon

/// `mail.sendmail`: the message on the program's standard input, the envelope on its
/// command line, and its exit code read the sendmail way.
@Suite struct SendmailTransportTests {
    @Test func theProgramGetsTheMessageAndItsExitCodeDecides() async throws {
        let dir = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = dir + "/sendmail"
        try """
        #!/bin/sh
        echo "$@" > \(dir)/args
        cat > \(dir)/message
        exit ${SENDMAIL_EXIT:-$(cat \(dir)/exit 2>/dev/null || echo 0)}
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let transport = SendmailTransport(program: script)
        let message = "Subject: test\r\n\r\nZażółć\r\n.\r\nend\r\n"
        #expect(await transport.deliver(message, from: "calls@example.com", to: "anna@example.com") == .accepted("\(script) took it"))
        #expect(try String(contentsOfFile: dir + "/message", encoding: .utf8) == message)
        #expect(try String(contentsOfFile: dir + "/args", encoding: .utf8) == "-i -f calls@example.com -- anna@example.com\n")
        try "75".write(toFile: dir + "/exit", atomically: true, encoding: .utf8)
        guard case .temporary = await transport.deliver(message, from: "calls@example.com", to: "anna@example.com") else {
            Issue.record("exit 75 is a temporary failure")
            return
        }
        try "67".write(toFile: dir + "/exit", atomically: true, encoding: .utf8)
        guard case .permanent(let reason) = await transport.deliver(message, from: "calls@example.com", to: "anna@example.com") else {
            Issue.record("exit 67 is permanent")
            return
        }
        #expect(reason.contains("exited 67"))
        #expect(await SendmailTransport(program: dir + "/missing").deliver(message, from: "a@example.com", to: "b@example.com") != .accepted(""))
    }
}
