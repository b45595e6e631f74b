import CallsheetClient
import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// `report funnel`, `offers` and `forecast` on the hand-computed week of `ReportTests`:
/// 30 cases (10 each for anna, bob, cara); case A agreed then invoiced 1500.00, case B
/// unanswered then do-not-call, case C refused.
@Suite struct ReportCaseTests {
    @Test func funnelIsExactInAllFormats() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "report funnel --week 2026-W48 --csv",
                    "report funnel --week 2026-W48 --by manager --csv",
                    "report funnel --json",
                    "report funnel --campaign seminar --team ewa --segment VIP --csv",
                    "report funnel --manager bob --segment company --by week",
                    "report funnel --by colour",
                    "report funnel --segment gold",
                ], role: .admin)
            #expect(
                r[0] == [
                    "stage,cases,rate,of_assigned",
                    "assigned,30,,100.0%", "called,3,10.0%,10.0%", "reached,3,100.0%,10.0%", "agreed,1,33.3%,3.3%",
                    "invoiced,1,100.0%,3.3%", "paid,0,0.0%,0.0%", "informed,0,,0.0%", "won,0,,0.0%",
                    "not-called,27,,90.0%", "refused,1,,3.3%", "refused: refused,1,,3.3%", "unreachable,0,,0.0%",
                    "do-not-call,1,,3.3%", "cancelled,0,,0.0%", "open,28,,93.3%",
                    "OK from=2026-11-23 to=2026-11-29 cases=30 won=0",
                ])
            #expect(
                r[1] == [
                    "manager,assigned,called,reached,agreed,invoiced,paid,informed,won,not_called,refused,unreachable,dnc,cancelled,open,conversion",
                    "anna,10,2,2,1,1,0,0,0,8,0,0,1,0,9,0.0%",
                    "bob,10,1,1,0,0,0,0,0,9,1,0,0,0,9,0.0%",
                    "cara,10,0,0,0,0,0,0,0,10,0,0,0,0,10,0.0%",
                    "total,30,3,3,1,1,0,0,0,27,1,0,1,0,28,0.0%",
                    "OK from=2026-11-23 to=2026-11-29 cases=30 won=0 by=manager",
                ])
            let json = try #require(r[2].first)
            #expect(json.contains("\"stage\":\"agreed\"") && json.contains("\"cases\":1") && json.contains("\"cases\":30"), "\(json)")
            #expect(r[3].first == "stage,cases,rate,of_assigned" && r[3].contains("assigned,0,,-"), "no VIP clients: \(r[3])")
            let byWeek = ConsoleReply(body: Array(r[4].dropLast()), status: r[4].last ?? "").rows
            #expect(byWeek.map { $0["week"] } == ["2026-W48", "total"], "\(r[4])")
            #expect(r[5] == ["ERR INVALID --by \"colour\" is not manager, week or segment"])
            #expect(r[6] == ["ERR INVALID --segment \"gold\" is not a segment (individual, company, vip, foreign)"])
        }
    }

    @Test func offersAndForecast() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "report offers --week 2026-W48 --csv",
                    "report forecast --campaign seminar --week 2026-W48 --csv",
                    "report forecast",
                ], role: .admin)
            #expect(
                r[0] == [
                    "status,reason,cases,share",
                    "accepted,,1,50.0%",
                    "rejected,refused,1,50.0%",
                    "OK from=2026-11-23 to=2026-11-29 offers=2",
                ])
            // Closed so far: B (do-not-call) and C (refused), both reached at the offer, neither paid.
            #expect(
                r[1] == [
                    "step,open,decided,paid,rate,expected_paid,expected_value",
                    "offer,27,2,0,0.0%,0.0,-",
                    "invoice,0,0,0,-,0.0,-",
                    "payment,1,0,0,-,0.0,-",
                    "OK from=2026-11-23 to=2026-11-29 open=28 expected_paid=0.0 expected_value=- paying=0 mean_paid=- cost_per_paying=-",
                ])
            #expect(r[2] == ["ERR INVALID report forecast needs --campaign (rates, amounts and budget are a campaign's)"])
        }
    }

    /// The seminar week to the end for one client, then the forecast values what is open
    /// at the observed rate and the budget is spread over the paying client.
    @Test func forecastValuesTheOpenPipelineAtObservedRates() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 4)
            _ = await CallLoopFixture.at("2026-11-23T08:00:00Z", database).run(["campaign set seminar --budget 300"], role: .admin)
            let days: [(String, String)] = [
                ("2026-11-23T09:00:00Z", "outcome 1 agreed"), ("2026-11-24T09:00:00Z", "outcome 5 invoiced --amount 1500.00"),
                ("2026-11-25T09:00:00Z", "outcome 6 paid --amount '1 500,00'"),
            ]
            for (at, outcome) in days {
                let r = await CallLoopFixture.at(at, database).run(["next", outcome], role: .manager)
                #expect(r[1].last?.hasPrefix("OK") == true, "\(r)")
            }
            let refused = await CallLoopFixture.at("2026-11-25T10:00:00Z", database).run(["next", "outcome 2 refused"], role: .manager)
            #expect(refused[1].last?.hasPrefix("OK") == true, "\(refused)")
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(["report forecast --campaign seminar --week 2026-W48 --csv"], role: .admin)
            // Decided: client 1 paid (still open for the venue and feedback calls), client 2
            // refused at the offer: half the offers paid, so the two open offers should bring one.
            #expect(
                r[0] == [
                    "step,open,decided,paid,rate,expected_paid,expected_value",
                    "offer,2,2,1,50.0%,1.0,1500.00",
                    "invoice,0,1,1,100.0%,0.0,0.00",
                    "payment,0,1,1,100.0%,0.0,0.00",
                    "OK from=2026-11-23 to=2026-11-29 open=2 expected_paid=1.0 expected_value=1500.00 paying=1 mean_paid=1500.00 cost_per_paying=300.00",
                ])
        }
    }

    @Test func dailyIsExactDayByDay() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            // Wednesday: anna puts client A's payment call off to a call-back at 10:00, then never makes it.
            let wednesday = await CallLoopFixture.at("2026-11-25T09:00:00Z", database).replies(["next --as anna"], role: .admin)[0]
            let task = try #require(wednesday.field("task"))
            let put = await CallLoopFixture.at("2026-11-25T09:01:00Z", database).run(["callback \(task) --at 2026-11-25T10:00Z --as anna"], role: .admin)
            #expect(put[0].last?.hasPrefix("OK") == true, "\(put) \(wednesday)")
            let r = await CallLoopFixture.at("2026-11-27T12:00:00Z", database).run(
                [
                    "report daily --from 2026-11-23 --to 2026-11-24 --csv",
                    "report daily --from 2026-11-25 --to 2026-11-26 --manager anna --csv",
                    "report daily --from 2026-11-25 --to 2026-11-25 --manager anna --csv --delimiter semicolon",
                    "report daily --from 2026-11-25 --to 2026-11-25 --delimiter semicolon",
                ], role: .admin)
            let header = "manager,day,calls,first_calls,invoiced,invoiced_amount,paid,paid_amount,not_called,callbacks_overdue"
            #expect(
                r[0] == [
                    header,
                    "anna,2026-11-23,2,2,0,0.00,0,0.00,8,0", "anna,2026-11-24,2,0,1,1500.00,0,0.00,8,0",
                    "bob,2026-11-23,1,1,0,0.00,0,0.00,9,0", "bob,2026-11-24,0,0,0,0.00,0,0.00,9,0",
                    "cara,2026-11-23,0,0,0,0.00,0,0.00,10,0", "cara,2026-11-24,0,0,0,0.00,0,0.00,10,0",
                    "total,2026-11-23,3,3,0,0.00,0,0.00,27,0", "total,2026-11-24,2,0,1,1500.00,0,0.00,27,0",
                    "OK from=2026-11-23 to=2026-11-24 managers=3",
                ])
            #expect(
                r[1] == [
                    header,
                    "anna,2026-11-25,1,0,0,0.00,0,0.00,8,1", "anna,2026-11-26,0,0,0,0.00,0,0.00,8,1",
                    "total,2026-11-25,1,0,0,0.00,0,0.00,8,1", "total,2026-11-26,0,0,0,0.00,0,0.00,8,1",
                    "OK from=2026-11-25 to=2026-11-26 managers=1",
                ])
            // For Excel in a locale whose list separator is `;`.
            #expect(
                r[2] == [
                    header.replacingOccurrences(of: ",", with: ";"), "anna;2026-11-25;1;0;0;0.00;0;0.00;8;1", "total;2026-11-25;1;0;0;0.00;0;0.00;8;1",
                    "OK from=2026-11-25 to=2026-11-25 managers=1",
                ])
            #expect(r[3] == ["ERR SYNTAX --delimiter goes with --csv"])
        }
    }
}
