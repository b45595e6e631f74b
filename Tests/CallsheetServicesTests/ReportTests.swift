import CallsheetClient
import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// `report managers` on a hand-computed week: three managers, thirty clients, a script of
/// calls whose every figure is worked out below, in all three formats; and the rollup the
/// outcomes maintain equals the one rebuilt from history.
@Suite struct ReportTests {

    @Test func managersReportIsExactInAllFormats() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            let session = CallLoopFixture.at("2026-11-25T12:00:00Z", database)
            let r = await session.run(
                [
                    "report managers --week 2026-W48 --csv",
                    "report managers --week 2026-W48 --by reach --csv",
                    "report managers --campaign seminar --from 2026-11-24 --to 2026-11-24 --csv",
                    "report managers --json",
                    "report managers --manager anna",
                    "report rebuild",
                ], role: .admin)
            #expect(
                r[0] == [
                    "rank,manager,team,list,calls,reached,reach,advanced,won,lost,dnc,invoiced,handling_s,late,mark",
                    "1,anna,ewa,10,4,3,75.0%,2,0,0,1,1500.00,120.0,8,best",
                    "2,bob,ewa,10,1,1,100.0%,0,0,1,0,0.00,60.0,9,",
                    "3,cara,ewa,10,0,0,-,0,0,0,0,0.00,-,10,worst",
                    "OK from=2026-11-23 to=2026-11-29 managers=3 by=calls",
                ])
            #expect(r[1].dropFirst().prefix(3).map { $0.split(separator: ",")[1] } == ["bob", "anna", "cara"])
            #expect(
                r[2] == [
                    "rank,manager,team,list,calls,reached,reach,advanced,won,lost,dnc,invoiced,handling_s,late,mark",
                    "1,anna,ewa,10,2,2,100.0%,1,0,0,1,1500.00,150.0,0,best",
                    "2,bob,ewa,10,0,0,-,0,0,0,0,0.00,-,0,worst",
                    "3,cara,ewa,10,0,0,-,0,0,0,0,0.00,-,0,worst",
                    "OK from=2026-11-24 to=2026-11-24 managers=3 by=calls",
                ])
            let json = try #require(r[3].first)
            #expect(json.contains("\"manager\":\"anna\""), "the current week (W48) by default: \(json)")
            #expect(json.contains("\"calls\":4") && json.contains("\"invoiced\":\"1500.00\"") && json.contains("\"mark\":\"best\""), "\(json)")
            #expect(!json.contains("\"bar\"") && !json.contains("█"), "the bar chart is for the table only: \(json)")
            let annaOnly = ConsoleReply(body: Array(r[4].dropLast()), status: r[4].last ?? "").rows
            #expect(annaOnly.map { $0["manager"] } == ["anna"], "\(r[4])")
            #expect(annaOnly.first?.values.contains { $0.contains("████████████████████") } == true, "a full bar for the top row: \(r[4])")
            #expect(r[5] == ["OK rows=5 differing=0 cases_differing=0 lists_differing=0 tasks_differing=0 matched=yes"])
        }
    }

    /// List sizes are kept per wave and manager (`wave_list`): a mid-week assign adds a
    /// case, a reassign moves open ones, an unassign keeps the cancelled case where it was;
    /// the rebuild recomputes them from the cases and finds nothing to correct.
    @Test func listSizesFollowAssignReassignAndUnassign() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 30, managers: ["anna", "bob", "cara"])
            let session = CallLoopFixture.at("2026-11-24T12:00:00Z", database)
            let before = await session.run(["report managers --week 2026-W48 --by list --csv"], role: .admin)[0]
            #expect(Self.lists(before) == ["anna": 10, "bob": 10, "cara": 10], "\(before)")
            let owner = try #require(await session.run(["unassign 1 --campaign seminar"], role: .admin)[0].last)
            #expect(owner.hasPrefix("OK"), "\(owner)")
            let r = await session.run(
                [
                    "assign 1 cara --campaign seminar",
                    "reassign --from anna --to bob --campaign seminar",
                    "report managers --week 2026-W48 --by list --csv",
                    "report managers --week 2026-W47 --csv",
                    "report rebuild",
                ], role: .admin)
            #expect(r[0].last?.hasPrefix("OK") == true && r[1].last?.hasPrefix("OK from=anna to=bob moved=") == true, "\(r)")
            let moved = Int(r[1].last!.split(separator: "=").last!)!
            let lists = Self.lists(r[2])
            #expect(lists.values.reduce(0, +) == 31, "30 wave cases and the one assigned mid-week: \(r[2])")
            #expect(lists["anna"] == 10 - moved && lists["bob"] == 10 + moved && lists["cara"]! >= 10, "\(r[2])")
            #expect(Self.lists(r[3]).values.allSatisfy { $0 == 0 }, "no wave in W47: \(r[3])")
            #expect(r[4] == ["OK rows=0 differing=0 cases_differing=0 lists_differing=0 tasks_differing=0 matched=yes"])
        }
    }

    /// login → `list` column of a `report managers --csv` answer.
    static func lists(_ answer: [String]) -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: answer.dropFirst().dropLast().map { line in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(cells[1]), Int(cells[3]) ?? -1)
            })
    }

    @Test func badFiltersAreRefusedWithTheReason() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 3, managers: ["anna"])
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "report managers --week 48",
                    "report managers --week 2026-W48 --from 2026-11-23",
                    "report managers --from 2026-11-25 --to 2026-11-23",
                    "report managers --by colour!",
                    "report managers --campaign nope",
                    "report managers --manager nobody",
                    "report managers --by colour",
                    "report managers --by paid",
                ], role: .admin)
            #expect(r[0] == ["ERR INVALID --week \"48\" is not an ISO week like 2026-W48"])
            #expect(r[1] == ["ERR INVALID give --week or --from/--to, not both"])
            #expect(r[2] == ["ERR INVALID --from 2026-11-25 is after --to 2026-11-23"])
            #expect(r[3].last?.hasPrefix("ERR INVALID --by \"colour!\" is not a column") == true)
            #expect(r[4].last?.hasPrefix("ERR NOT_FOUND") == true, "\(r[4])")
            #expect(r[5] == ["ERR NOT_FOUND no manager 'nobody'"])
            #expect(
                r[6] == [
                    "ERR INVALID --by \"colour\" is not a column (list, calls, reached, reach, advanced, won, lost, handling, late, or an outcome with an amount: invoiced, paid)"
                ],
                "\(r[6])")
            #expect(r[7].last?.hasPrefix("OK") == true, "an outcome with an amount ranks: \(r[7])")
            let viewer = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(["report rebuild"], role: .viewer)
            #expect(viewer[0].last?.hasPrefix("ERR PERM") == true)
        }
    }
}
