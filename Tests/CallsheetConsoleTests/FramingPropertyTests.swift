import CallsheetClient
import CallsheetTestSupport
import Foundation
import Testing

@testable import CallsheetConsole

/// No value can break a reply: random bytes and every control character go through the
/// renderer and through real commands (import errors, client names and notes, cards,
/// searches, reports), and the output is read back with the client's own framing.
@Suite struct FramingPropertyTests {
    /// Every C0 control, DEL, the C1 controls and Unicode's line breaks, and text that reads like a status line.
    static let breakers: [String] =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        + ["\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\r\n", "\n\n", "\nOK import=1 read=1", "\nERR INTERNAL forged", "OK", "ERR X", ""]

    /// A string of random bytes (decoded as UTF-8, so invalid bytes become U+FFFD) with breakers spliced in.
    static func hostile(_ rng: inout some RandomNumberGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            if Bool.random(using: &rng) {
                text += breakers.randomElement(using: &rng) ?? ""
            } else {
                let bytes = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                text += String(decoding: bytes, as: UTF8.self)
            }
        }
        return text
    }

    /// What travels on the socket for these rendered replies.
    static func wire(_ replies: [[String]]) -> [UInt8] {
        Array(replies.map { $0.joined(separator: "\n") + "\n\n" }.joined().utf8)
    }

    /// Each reply must come back as exactly one reply with the same status, and no body line may read as a status.
    static func expectFramed(_ rendered: [[String]], _ context: @autoclosure () -> String) {
        let read: [ConsoleReply]
        do { read = try ReplyAssembler.replies(in: wire(rendered)) } catch {
            Issue.record("\(error): \(context())")
            return
        }
        #expect(read.count == rendered.count, "\(context())")
        for (reply, lines) in zip(read, rendered) {
            #expect(reply.status == lines.last, "\(context())")
            #expect(reply.status.hasPrefix("OK") || reply.status.hasPrefix("ERR ") || reply.status.hasPrefix("{"), "\(context())")
            #expect(!reply.body.contains(where: WireText.looksLikeStatus), "\(context())")
        }
    }

    /// Yields after every case: the suite runs beside tests that need the cooperative pool on
    /// time (a command deadline), and 2 cores give it only two threads.
    @Test func renderedRepliesAlwaysFrame() async {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            await Task.yield()
            let a = Self.hostile(&rng), b = Self.hostile(&rng), c = Self.hostile(&rng)
            let bodies: [ResponseBody] = [
                .lines([a, b]), .record([("name", .string(a)), ("notes", .string(b))]),
                .table(columns: ["name", "notes"], rows: [[.string(a), .string(b)], [.string(c), .null]]),
                .card([("name", .string(a))], lists: [BodyList("last_calls", columns: ["note"], rows: [[.string(b)]])]),
            ]
            var rendered = bodies.flatMap { body in
                OutputFormat.allCases.map { ResponseRenderer.render(ConsoleResponse(status: [("value", .string(c))], body: body), format: $0) }
            }
            rendered += OutputFormat.allCases.map { ResponseRenderer.render(ConsoleError(.invalid, a, details: [b, c]), format: $0) }
            Self.expectFramed(rendered, "\(a.debugDescription) \(b.debugDescription) \(c.debugDescription)")
        }
    }

    @Test func hostileSheetsAndNotesThroughCommandsFrame() async throws {
        try await TestDatabase.with { database, _ in
            var rng = SystemRandomNumberGenerator()
            let session = ConsoleTestSession(database: database)
            for round in 0..<12 {
                // A CSV cell may hold anything but a lone quote (and NUL, which the payload refuses
                // before any parsing); quoted, it may span lines.
                func cell() -> String { "\"" + Self.hostile(&rng).replacingOccurrences(of: "\"", with: "\"\"").filter { $0 != "\0" } + "\"" }
                let sheet =
                    ["name,phone,notes,contact"]
                    + (0..<8).map { i in "\(cell()),+48 601 \(String(format: "%03d", round * 10 + i)) \(String(format: "%03d", i)),\(cell()),\(cell())" }
                    + ["\(cell()),\"12\nOK import=1 read=1\",x,y"]
                let payload = sheet.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                let commands =
                    ["client import --skip-invalid <<END"] + payload + ["END"]
                    + [
                        "client find a", "client show \(round * 9 + 1)", "client show \(round * 9 + 2) --json",
                        "report untouched",
                        "dnc add \"+48 601 \(String(format: "%03d", round * 10)) 000\" --reason \(CommandQuoting.quote(Self.hostile(&rng).filter { $0 != "\n" && $0 != "\r" }))",
                    ]
                let rendered = await session.run(commands)
                #expect(rendered.count == 6, "\(rendered)")
                #expect(rendered.first?.contains { $0.contains("\"12 ⏎ OK import=1 read=1\" is not a phone number") } == true, "\(rendered.first ?? [])")
                Self.expectFramed(rendered, "\(payload)")
            }
        }
    }
}

/// Exported cells cannot run as formulas in a spreadsheet (OWASP's CSV-injection rule).
@Suite struct CSVInjectionTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("+48 600 100 200", "+48 600 100 200"), ("-12.50", "-12.50"), ("-", "-"), ("Acme", "Acme"), ("", ""), ("a=b", "a=b"),
    ])
    func formulaCellsAreNeutralised(cell: String, exported: String) {
        #expect(CSVText.neutralised(cell) == exported)
    }

    @Test func aNeutralisedCellIsStillQuotedWhenItMustBe() {
        #expect(CSVText.line(["=1,2", "ok"]) == "\"'=1,2\",ok")
    }
}
