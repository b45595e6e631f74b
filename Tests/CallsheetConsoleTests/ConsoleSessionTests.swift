import CallsheetDomain
import Testing

@testable import CallsheetConsole

@Suite struct ConsoleSessionTests {
    @Test func everyLineGetsExactlyOneResponseEndingInAStatusLine() async {
        let responses = await SessionHarness().run("ping", "version", "whoami")
        #expect(responses.count == 3)
        #expect(responses[0] == ["OK pong=yes"])
        #expect(responses[1] == ["OK version=0.1.0"])
        #expect(responses[2].last == "OK uid=1000 user=anna role=admin")
        #expect(responses[2].contains("pid:      42"))
        #expect(responses[2].contains("works_as: any manager, named with --as LOGIN"))
    }

    /// Reports, exports and imports run on the bulk executor, never on the event loop the
    /// connection shares with others; the call loop's short commands stay where they are.
    @Test func bulkCommandsRunOnTheBulkExecutor() async {
        let responses = await SessionHarness().run("test bulk", "test light")
        #expect(responses == [["OK on_bulk_executor=yes"], ["OK on_bulk_executor=no"]])
    }

    /// A command that outlives its deadline is answered ERR TIMEOUT on time — even one
    /// that ignores cancellation, as a query on a server that vanished does — and the
    /// session goes on with the next command.
    @Test func aCommandPastItsDeadlineIsAnsweredTimeoutAndTheSessionGoesOn() async {
        let started = ContinuousClock.now
        let responses = await SessionHarness(commandTimeout: .milliseconds(300)).run("test stuck", "test light")
        let took = ContinuousClock.now - started
        #expect(responses.count == 2)
        #expect(responses.first?.last?.hasPrefix("ERR TIMEOUT 'test stuck' did not finish within 300 ms (console.command_timeout_seconds)") == true, "\(responses)")
        #expect(responses.last == ["OK on_bulk_executor=no"])
        #expect(took < .seconds(10), "answered after \(took), at the deadline, not when the stuck command ended (20 s)")
    }

    @Test func badLinesGetTheirErrorsAndTheSessionGoesOn() async {
        let responses = await SessionHarness().run([
            .bytes(Array("frobnicate".utf8)),
            .bytes([]),
            .bytes(Array("   ".utf8)),
            .bytes([0xFF, 0xFE, 0x00, 0x41]),
            .bytes(Array("ping\u{7}".utf8)),
            .tooLong(limit: 16384),
            .bytes(Array("note \"open".utf8)),
            .bytes(Array("ping extra".utf8)),
            .bytes(Array("ping\r".utf8)),
        ])
        #expect(
            responses.map { $0.last!.split(separator: " ").prefix(2).joined(separator: " ") } == [
                "ERR UNKNOWN_COMMAND", "ERR SYNTAX", "ERR SYNTAX", "ERR SYNTAX", "ERR SYNTAX", "ERR LIMIT", "ERR SYNTAX", "ERR SYNTAX", "OK pong=yes",
            ])
        #expect(responses[3] == ["ERR SYNTAX the line is not valid UTF-8"])
        #expect(responses[4] == ["ERR SYNTAX control character U+0007 at column 5; commands are plain text"])
        #expect(responses[5] == ["ERR LIMIT line longer than 16384 bytes (console.max_line_bytes); it was discarded"])
    }

    @Test func helpListsOnlyWhatTheRoleMayRun() async {
        let admin = await SessionHarness(role: .admin).run("help")
        let viewer = await SessionHarness(role: .viewer).run("help")
        #expect(admin[0].contains { $0.hasPrefix("test wipe") })
        #expect(!viewer[0].contains { $0.hasPrefix("test wipe") })
        #expect(viewer[0].last == "OK commands=12 role=viewer")
        let usage = await SessionHarness().run("help format", "help nothing")
        #expect(usage[0].first == "usage: format text|json")
        #expect(usage[1].last?.hasPrefix("ERR NOT_FOUND") == true)
    }

    @Test func rolesAreEnforcedAndRefusalsLogged() async {
        let harness = SessionHarness(role: .viewer)
        let responses = await harness.run("test wipe")
        #expect(responses == [["ERR PERM 'test wipe' needs the admin role; uid 1000 (anna) is viewer"]])
        #expect(harness.logs.records.contains { $0.message == "console command refused" && $0.metadata["uid"] == "1000" })
    }

    @Test func stateChangingCommandsAreLoggedWithWhoAndResult() async {
        let harness = SessionHarness(role: .admin)
        _ = await harness.run("test wipe", "ping")
        let audit = harness.logs.records.filter { $0.message == "console command" && $0.level == .info }
        #expect(audit.count == 1)
        #expect(audit.first?.metadata == ["uid": "1000", "pid": "42", "user": "anna", "role": "admin", "command": "test wipe", "result": "OK"])
    }

    @Test func formatJSONSwitchesTheSessionAndJsonFlagOneCommand() async {
        let responses = await SessionHarness().run("ping --json", "ping", "format json", "ping", "nope", "format text", "ping")
        #expect(
            responses == [
                [#"{"ok":true,"pong":true}"#], ["OK pong=yes"], [#"{"ok":true,"format":"json"}"#], [#"{"ok":true,"pong":true}"#],
                [#"{"ok":false,"code":"UNKNOWN_COMMAND","message":"unknown command 'nope'; type 'help' for the commands you may run"}"#],
                ["OK format=text"], ["OK pong=yes"],
            ])
        let bad = await SessionHarness().run("format xml")
        #expect(bad == [["ERR SYNTAX unknown format \"xml\"; choose text or json"]])
    }

    @Test func quitAnswersThenEndsTheSession() async {
        let responses = await SessionHarness().run("quit", "ping")
        #expect(responses == [["OK bye=yes"]])
    }

    @Test func statusShowsTheDaemon() async {
        let responses = await SessionHarness().run("status")
        #expect(responses[0].last == "OK version=t database=up schema=1")
        #expect(responses[0].contains("database_reachable: yes"))
    }
}

@Suite struct PayloadFramingTests {
    @Test func payloadIsStreamedToTheCommandUpToTheMarker() async {
        let responses = await SessionHarness().run("test count <<END", "a,b", "", "c\r", "END", "ping")
        #expect(responses == [["OK lines=3 bytes=4"], ["OK pong=yes"]])
    }

    @Test func unreadPayloadIsDrainedSoTheNextCommandIsNotMistaken() async {
        let responses = await SessionHarness().run("test first <<X", "one", "ping", "two", "X", "ping")
        #expect(responses == [["OK first=one"], ["OK pong=yes"]])
    }

    @Test func payloadForACommandThatTakesNoneIsRefusedAndSkipped() async {
        let responses = await SessionHarness().run("ping <<END", "status", "END", "nope <<M", "x", "M", "version")
        #expect(
            responses == [
                ["ERR SYNTAX 'ping' takes no payload block; remove the <<END"],
                ["ERR UNKNOWN_COMMAND unknown command 'nope'; type 'help' for the commands you may run"],
                ["OK version=0.1.0"],
            ])
    }

    @Test func payloadOverTheByteCapIsLimitAndTheSessionStaysInStep() async {
        let big = String(repeating: "x", count: 600)
        let responses = await SessionHarness(maximumPayloadBytes: 1024).run("test count <<END", big, big, big, "END", "ping")
        #expect(
            responses == [
                ["ERR LIMIT the payload is larger than the 1024-byte limit (console.max_payload_bytes)"],
                ["OK pong=yes"],
            ])
    }

    @Test func badPayloadLinesAreReportedWithTheirNumber() async {
        let responses = await SessionHarness().run([
            .bytes(Array("test count <<END".utf8)), .bytes(Array("ok".utf8)), .bytes([0xC3]), .bytes(Array("END".utf8)),
            .bytes(Array("test count <<END".utf8)), .tooLong(limit: 100), .bytes(Array("END".utf8)),
            .bytes(Array("test count <<END".utf8)), .bytes([0xFF, 0xFE, 0x6E, 0x00, 0x61, 0x00]), .bytes(Array("END".utf8)),
        ])
        #expect(
            responses == [
                ["ERR SYNTAX payload line 2 is not valid UTF-8; save the CSV as \"CSV UTF-8\" or convert it with iconv -t UTF-8"],
                ["ERR LIMIT payload line 1 is longer than the 100-byte line limit"],
                ["ERR SYNTAX payload line 1 is not valid UTF-8 (NUL bytes: UTF-16 text?); save the CSV as \"CSV UTF-8\" or convert it with iconv -t UTF-8"],
            ])
    }

    @Test func inputEndingInsideAPayloadIsAnError() async {
        let responses = await SessionHarness().run("test count <<END", "a")
        #expect(responses == [["ERR SYNTAX the connection ended before the payload's end marker END"]])
    }
}
