import CallsheetDaemon
import CallsheetTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `callsheetctl client import < file` and `--file`, through the real socket.
@Suite struct ImportOverSocketTests {
    static var ctl: String {
        get throws { ((try DaemonProcess.executable()) as NSString).deletingLastPathComponent + "/callsheetctl" }
    }

    static func runCtl(_ arguments: [String], stdin: String, scratch: String) throws -> (status: Int32, output: String) {
        let out = scratch + "/ctl-\(UInt32.random(in: 0...UInt32.max)).out"
        let pid = try ExternalProgram.spawn([try ctl] + arguments, input: stdin, output: out)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (ExternalProgram.exitCode(fromWaitStatus: status), (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test func clientAndDoNotCallImportsFromStdinAndFile() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let csv = scratch + "/clients.csv"
        try "\u{FEFF}Organisation;Tel;E-mail\r\n\"Acme; Ltd\";22 123 45 67;a@acme.pl\r\nBeta;601 234 567;\r\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let bad = scratch + "/bad.csv"
        try "name,phone\nGood,601234560\nBad,12ab\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let dnc = scratch + "/dnc.csv"
        try "phone,reason\n601 234 567,asked\n".write(toFile: dnc, atomically: true, encoding: .utf8)

        try await DaemonHarness.withDaemon { daemon in
            let socket = ["--socket", daemon.socketPath]
            let piped = try Self.runCtl(socket + ["client", "import", "--source", "crm"], stdin: csv, scratch: scratch)
            #expect(piped.status == 0)
            #expect(piped.output.hasSuffix("OK import=1 read=2 inserted=2 updated=0 skipped=0 rejected=0\n"), "\(piped.output)")

            let rejected = try Self.runCtl(socket + ["--file", bad, "client", "import"], stdin: "/dev/null", scratch: scratch)
            #expect(rejected.status == 1)
            #expect(rejected.output.contains(#"line 3: phone "12ab" is not a phone number (unexpected "a")"#))
            #expect(rejected.output.contains("ERR INVALID 1 of 2 rows are invalid; nothing was imported"))

            let listed = try Self.runCtl(socket + ["dnc", "import"], stdin: dnc, scratch: scratch)
            #expect(listed.output.hasSuffix("OK read=1 added=1 already=0 rejected=0\n"), "\(listed.output)")
            let check = try Self.runCtl(socket + ["--json", "dnc", "check", "+48601234567"], stdin: "/dev/null", scratch: scratch)
            #expect(check.output.hasPrefix(#"{"ok":true,"phone":"+48601234567","listed":true,"lists":1"#), "\(check.output)")
        }
    }
}
