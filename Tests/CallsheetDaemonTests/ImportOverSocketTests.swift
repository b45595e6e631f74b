import CallsheetDaemon
import CallsheetDomain
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
            #expect(piped.output.hasSuffix("OK import=1 read=2 inserted=2 updated=0 skipped=0 rejected=0 do_not_call=0\n"), "\(piped.output)")

            let rejected = try Self.runCtl(socket + ["--file", bad, "client", "import"], stdin: "/dev/null", scratch: scratch)
            #expect(rejected.status == 1)
            #expect(rejected.output.contains(#"line 3: phone "12ab" is not a phone number (unexpected "a")"#))
            #expect(rejected.output.contains("ERR INVALID 1 of 2 rows are invalid; nothing was imported"))

            let listed = try Self.runCtl(socket + ["dnc", "import"], stdin: dnc, scratch: scratch)
            #expect(listed.output.hasSuffix("OK read=1 added=1 already=0 rejected=0\n"), "\(listed.output)")
            let check = try Self.runCtl(socket + ["--json", "dnc", "check", "+48601234567"], stdin: "/dev/null", scratch: scratch)
            #expect(check.output.hasPrefix(#"{"ok":true,"phone":"+48601234567","listed":true,"lists":1"#), "\(check.output)")

            // Spreadsheets' legacy code pages and UTF-16 are refused by callsheetctl with the fix
            // (`--file` may also follow the command); the daemon rolls the started import back.
            let legacy = scratch + "/cp1250.csv"
            // "Zakład" in Windows-1250: ł is the single byte 0xB3.
            try Data(Array("name,phone\nZak".utf8) + [0xB3] + Array("ad,601234561\n".utf8)).write(to: URL(fileURLWithPath: legacy))
            let refused = try Self.runCtl(socket + ["client", "import", "--file", legacy], stdin: "/dev/null", scratch: scratch)
            #expect(refused.status == 1)
            #expect(refused.output.contains("callsheetctl: \(legacy) line 2 is not UTF-8 text; nothing was imported."), "\(refused.output)")
            let wide = scratch + "/utf16.csv"
            try "name,phone\nAcme,601234562\n".data(using: .utf16)!.write(to: URL(fileURLWithPath: wide))
            let utf16 = try Self.runCtl(socket + ["--file", wide, "client", "import"], stdin: "/dev/null", scratch: scratch)
            #expect(utf16.status == 1)
            #expect(utf16.output.contains("is UTF-16 text (a spreadsheet's \"Unicode text\"), not UTF-8; nothing was imported"), "\(utf16.output)")
            let missing = try Self.runCtl(socket + ["client", "import", "--file", scratch + "/missing.csv"], stdin: "/dev/null", scratch: scratch)
            #expect(missing.status == 1, "the file's error, not an unreachable daemon's (2)")
            #expect(missing.output == "callsheetctl: cannot read \(scratch)/missing.csv: No such file or directory; nothing was sent\n")
            let found = try Self.runCtl(socket + ["client", "find", "601234561"], stdin: "/dev/null", scratch: scratch)
            #expect(found.output.hasSuffix("OK clients=0\n"), "\(found.output)")
        }
    }

    /// `callsheetctl export sheets … --out DIR` writes the files the answer carries.
    @Test func exportSheetsAreWrittenByCallsheetctl() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let csv = scratch + "/clients.csv"
        try "name,phone\nAcme,22 123 45 67\n\"Beta, \"\"the\"\" shop\",601 234 567\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let week = ISOWeek(containing: LocalDate(Date(), in: TimeZone(identifier: "UTC")!).adding(days: 7))
        try await DaemonHarness.withDaemon(config: "workflows_dir: \(RepositoryFiles.workflows)\n") { daemon in
            let socket = ["--socket", daemon.socketPath]
            for line in ["admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa"] {
                #expect(try await DaemonHarness.run(line, on: daemon).isOK)
            }
            #expect(try Self.runCtl(socket + ["client", "import"], stdin: csv, scratch: scratch).status == 0)
            for line in ["campaign create s --workflow seminar-weekly --admin ewa", "campaign add-clients s --all", "wave open s --week \(week)"] {
                let reply = try await DaemonHarness.run(line, on: daemon)
                #expect(reply.isOK, "\(line): \(reply.status)")
            }
            let out = scratch + "/sheets"
            let written = try Self.runCtl(socket + ["export", "sheets", "--campaign", "s", "--week", week.description, "--out", out], stdin: "/dev/null", scratch: scratch)
            #expect(written.status == 0, "\(written.output)")
            #expect(written.output.contains("wrote \(out)/totals.csv") && written.output.contains("wrote \(out)/manager-anna.csv (2 rows)"), "\(written.output)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/manager-anna.csv"))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, for Excel")
            let list = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(list.hasPrefix("client,name,contact,phone"))
            #expect(list.contains("\"Beta, \"\"the\"\" shop\",,+48601234567"), "quoted as RFC 4180: \(list)")
            let totals = try String(contentsOfFile: out + "/totals.csv", encoding: .utf8)
            #expect(totals.contains("funnel,assigned,2,100.0%\r\n"))
            // For Excel in a locale whose list separator is `;` (Polish, Russian, …).
            let semicolons = try Self.runCtl(
                socket + ["export", "sheets", "--campaign", "s", "--week", week.description, "--delimiter", "semicolon", "--out", out + "-pl"],
                stdin: "/dev/null", scratch: scratch)
            #expect(semicolons.status == 0, "\(semicolons.output)")
            let polish = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "-pl/manager-anna.csv")).dropFirst(3), as: UTF8.self)
            #expect(polish.hasPrefix("client;name;contact;phone"))
            #expect(polish.contains("Beta, \"\"the\"\" shop") && polish.contains(";\"Beta, \"\"the\"\" shop\";;+48601234567"), "quoted for its quotes: \(polish)")
            let refused = try Self.runCtl(socket + ["status", "--out", out], stdin: "/dev/null", scratch: scratch)
            #expect(refused.status == 2)
        }
    }
}
