import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// `report untouched`, `neglected` and `late` on the hand-computed week of `ReportTests`
/// (30 clients, 10 cases each for anna, bob, cara; A and B called by anna, C by bob).
@Suite struct ReportQuestionTests {
    @Test func untouchedSplitsNotAssignedFromNeverCalled() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            try await CampaignFixture.clients(3, in: database, segment: "vip")
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "dnc add #33 --reason \"asked not to be called\"",
                    "report untouched --segment vip --csv",
                    "report untouched --csv --limit 1",
                    "report untouched --campaign seminar --manager cara --limit 0",
                    "report untouched --week 2026-W48",
                ], role: .admin)
            #expect(r[0].last?.hasPrefix("OK") == true, "\(r[0])")
            #expect(
                r[1] == [
                    "client,name,segment,status,manager,assigned_at",
                    "31,Client 31,vip,not-assigned,-,-", "32,Client 32,vip,not-assigned,-,-",
                    "OK untouched=2 not_assigned=2 assigned=0 shown=2",
                ], "a client on do-not-call is nobody's work: left out")
            #expect(r[2].count == 3 && r[2][1].contains(",assigned,anna,2026-11-23T08:00:00Z"), "assigned first, by manager: \(r[2])")
            #expect(r[2].last == "OK untouched=29 not_assigned=2 assigned=27 shown=1")
            #expect(r[3].last == "OK untouched=10 not_assigned=0 assigned=10 shown=10")
            #expect(r[4] == ["ERR INVALID report untouched looks at the whole history: it takes no --week"])
        }
    }

    @Test func neglectedListsTheImportantQuietClientsFirst() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            try await CampaignFixture.clients(2, in: database, segment: "vip")
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "client edit 31 --importance 9",
                    "client edit 32 --importance 9",
                    "dnc add +48600000032 --reason \"asked not to be called\"",
                    "report neglected --days 1 --csv --limit 1",
                    "report neglected --segment VIP --importance 5 --csv",
                    "report neglected --days 1 --manager bob --limit 0 --csv",
                ], role: .admin)
            #expect(r[1].last?.hasPrefix("OK") == true && r[2].last?.hasPrefix("OK") == true, "\(r[1]) \(r[2])")
            // Never called: 27 of the campaign and client 31 (32's phone is on do-not-call: left out);
            // A and C were last called over a day ago (B asked not to be called on Tuesday: left out).
            #expect(
                r[3] == [
                    "client,name,segment,importance,last_call,days_quiet,last_by,owner",
                    "31,Client 31,vip,9,never,-,-,-",
                    "OK neglected=30 days=1 shown=1",
                ])
            #expect(
                r[4] == ["client,name,segment,importance,last_call,days_quiet,last_by,owner", "31,Client 31,vip,9,never,-,-,-", "OK neglected=1 days=30 shown=1"],
                "client 32 is as important and as quiet, but listed do-not-call: \(r[4])")
            #expect(r[5].last == "OK neglected=10 days=1 shown=10")
            #expect(r[5].contains { $0.hasSuffix(",company,0,2026-11-23T09:01:00Z,2,bob,bob") }, "\(r[5])")
        }
    }

    /// Offer tasks are due Monday with a standard of 1 business day: late after Tuesday.
    @Test func lateCountsBusinessDaysPastTheStandard() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            try await ReportFixture.call("bob", database, claim: "2026-11-26T09:00:00Z", finish: "2026-11-26T09:01:00Z", ["offer": "refused"])
            let r = await CallLoopFixture.at("2026-11-26T12:00:00Z", database).run(
                [
                    "report late --week 2026-W48 --totals --csv",
                    "report late --week 2026-W48 --manager bob --csv",
                    "report late --from 2026-11-24 --to 2026-11-29 --csv",
                    "report managers --week 2026-W48 --by late --csv",
                    "report late --week 2026-W48 --totals --segment company --csv",
                    "report late --week 2026-W48 --totals --segment vip --csv",
                    "report managers --week 2026-W48 --by late --segment company --csv",
                    "report managers --week 2026-W48 --by late --segment vip --csv",
                    "report late --week 2026-W48 --limit 3 --csv",
                    "report late --week 2026-W48 --totals --limit 3",
                ], role: .admin)
            #expect(
                r[0] == [
                    "manager,late,done_late,open_late,late_days,worst_days,late_hours",
                    "anna,8,0,8,16,2,288.0",
                    "bob,9,1,8,18,2,321.0",
                    "cara,10,0,10,20,2,360.0",
                    "OK from=2026-11-23 to=2026-11-29 late=27 open=26",
                ])
            #expect(r[1].count == 11 && r[1].contains { $0.hasSuffix(",offer,\($0.split(separator: ",")[4]),2026-11-23,2026-11-24,2026-11-26,2,33.0") }, "\(r[1])")
            #expect(
                r[2] == ["manager,campaign,client,step,task,due,deadline,done,late_days,late_hours", "OK from=2026-11-24 to=2026-11-29 late=0 open=0 shown=0"],
                "nothing due from Tuesday on is late yet")
            let managers = r[3].dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(
                managers.map { "\($0[1])=\($0[13]),\($0[14])" } == ["anna=8,best", "bob=9,", "cara=10,worst"],
                "report managers counts late tasks as report late --totals, fewest first: \(r[3])")
            // The week's clients are all companies: a segment filter keeps them all, or none.
            #expect(r[4] == r[0])
            #expect(r[8].count == 5 && r[8].last == "OK from=2026-11-23 to=2026-11-29 late=27 open=26 shown=3", "\(r[8])")
            #expect(r[8].dropFirst().dropLast().allSatisfy { $0.hasSuffix(",open,2,36.0") }, "the latest first: still open, 36 hours past Tuesday: \(r[8])")
            #expect(r[9] == ["ERR INVALID report late --totals has one row per manager: it takes no --limit"])
            #expect(r[5] == ["manager,late,done_late,open_late,late_days,worst_days,late_hours", "OK from=2026-11-23 to=2026-11-29 late=0 open=0"])
            let lateColumn = { (lines: [String]) in
                let late = lines[0].split(separator: ",").firstIndex(of: "late")!
                return lines.dropFirst().dropLast().map { "\($0.split(separator: ",", omittingEmptySubsequences: false)[late])" }
            }
            #expect(lateColumn(r[6]) == ["8", "9", "10"], "\(r[6])")
            #expect(lateColumn(r[7]).allSatisfy { $0 == "0" }, "\(r[7])")
        }
    }
}
