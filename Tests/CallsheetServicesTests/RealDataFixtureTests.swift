import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// What real sheets and registries send, one fixture file per case (Fixtures/): time
/// zones in every form, hostile cells, a quote that never closes, a registry export.
@Suite struct RealDataFixtureTests {
    static func importing(_ command: String, _ fixture: String) throws -> [String] {
        ImportFixture.importing(command, try ImportFixture.fixture(fixture))
    }

    @Test func timeZonesInEveryForm() async throws {
        try await TestDatabase.with { database, _ in
            let s = ConsoleTestSession(database: database)
            let r = await s.run(try Self.importing("client import --skip-invalid", "time_zones.csv") + ["client show 1", "client show 2", "client show 3"])
            #expect(r[0].last == "OK import=1 read=10 inserted=3 updated=0 skipped=0 rejected=7 do_not_call=0", "\(r[0])")
            let expected = [
                (3, "time zone \"GMT+0300\" is a fixed offset (UTC+03:00)"), (4, "time zone \"UTC+3\" is a fixed offset (UTC+03:00)"),
                (5, "time zone \"EST5EDT\" is a POSIX rule (UTC-05:00 outside summer time), not a place; write the IANA name of the place, e.g. America/New_York"),
                (6, "time zone \"MSK\" is an abbreviation, not a place; write the IANA name of the place, e.g. Europe/Moscow"),
                (7, "time zone \"europe/warsaw\" is not written as the time zone database writes it; write Europe/Warsaw"),
                (8, "time zone \"US/Eastern\" is a legacy alias, not a place"), (9, "time zone \"Etc/GMT-3\" is a fixed offset (UTC+03:00)"),
            ]
            for (line, text) in expected {
                #expect(r[0].contains { $0.hasPrefix("line \(line): \(text)") }, "line \(line): \(r[0])")
            }
            #expect(r[1].contains("timezone:    Europe/Moscow"))
            #expect(r[2].contains("timezone:    Europe/Warsaw"), "no zone given: the phone's country's")
            #expect(r[3].contains("timezone:    America/Argentina/Buenos_Aires"))
        }
    }

    @Test func hostileCellsNeitherBreakRepliesNorRunInASpreadsheet() async throws {
        try await TestDatabase.with { database, _ in
            let s = ConsoleTestSession(database: database)
            let r = await s.run(try Self.importing("client import --skip-invalid", "hostile.csv") + ["report untouched --csv", "client show 2", "client find Tab"])
            #expect(r[0].last == "OK import=1 read=5 inserted=4 updated=0 skipped=0 rejected=1 do_not_call=0", "\(r[0])")
            #expect(r[0].first == #"line 9: phone "12 ⏎ OK import=1 read=1" is not a phone number (unexpected " ⏎ ")"#, "\(r[0])")
            for reply in r {
                #expect(
                    reply.dropLast().allSatisfy { !$0.isEmpty && !$0.contains("\n") && !$0.contains("\r") && !$0.hasPrefix("OK") && !$0.hasPrefix("ERR") },
                    "\(reply)")
            }
            let csv = r[1]
            #expect(csv.contains { $0.hasPrefix(#"1,"'=HYPERLINK(""http://evil.example"",""click"")",company"#) }, "\(csv)")
            #expect(csv.contains { $0.hasPrefix("2,Tab\tand␛escape␇bell,company") }, "\(csv)")
            #expect(r[2].contains(#"notes:       line one ⏎ OK import=99 read=99 ⏎  ⏎ ERR INTERNAL forged"#), "\(r[2])")
            #expect(r[2].contains("contact:     -2+3"))
            #expect(r[3].last == "OK clients=1")
        }
    }

    @Test func aQuoteThatNeverClosesStopsTheRegistryImportAtItsLine() async throws {
        try await TestDatabase.with { database, _ in
            let r = await ConsoleTestSession(database: database).run(try Self.importing("dnc import", "unclosed_quote.csv"))
            #expect(r[0].last?.hasPrefix("ERR INVALID line 3 opens a quoted field that is still not closed 1000 lines") == true, "\(r[0])")
            let listed = try await CampaignFixture.pairs("SELECT count(*)::int, 0 FROM dnc_listing", in: database)
            #expect(listed[0].0 == 0)
        }
    }

    @Test func aRegistryExportWithPolishHeadersRepeatsAndBadRows() async throws {
        try await TestDatabase.with { database, _ in
            let s = ConsoleTestSession(database: database)
            let r = await s.run(try Self.importing("dnc import --skip-invalid", "dnc_registry.csv") + ["dnc check 600000002"])
            #expect(
                r[0] == [
                    #"line 6: phone "12ab" is not a phone number (unexpected "a")"#, "line 7: no reason (add a reason column or --reason)",
                    "OK read=6 added=3 already=1 rejected=2",
                ], "\(r[0])")
            #expect(r[1].contains { $0.hasPrefix("+48600000002  global") && $0.hasSuffix("rejestr 2026-12") }, "the first row's reason: \(r[1])")
        }
    }
}
