import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// `export sheets` on the hand-computed week of `ReportTests`: totals.csv (funnel, how
/// cases ended, the week's plan) and one list per manager, inside the answer.
@Suite struct ExportTests {
    @Test func sheetsCarryTheTotalsAndEveryManagersList() async throws {
        try await TestDatabase.with { database, _ in
            try await ReportFixture.scriptedWeek(database)
            let r = await CallLoopFixture.at("2026-11-25T12:00:00Z", database).run(
                [
                    "export sheets --campaign seminar --week 2026-W48",
                    "export sheets --campaign seminar",
                    "export sheets --campaign seminar --week 2026-W50",
                    "export sheets --campaign seminar --week 2026-W48 --delimiter pipe",
                ], role: .admin)
            let body = r[0]
            #expect(body.last == "OK campaign=seminar week=2026-W48 files=4 clients=30")
            #expect(
                Array(body.prefix(10)) == [
                    "==> totals.csv <==", "section,name,value,share",
                    "funnel,assigned,30,100.0%", "funnel,called,3,10.0%", "funnel,reached,3,10.0%", "funnel,agreed,1,3.3%",
                    "funnel,invoiced,1,3.3%", "funnel,paid,0,0.0%", "funnel,informed,0,0.0%", "funnel,won,0,0.0%",
                ])
            #expect(body.contains("ended,do-not-call,1,3.3%") && body.contains("ended,open,28,93.3%"))
            #expect(
                Array(body.drop { !$0.hasPrefix("plan,") }.prefix(5)) == [
                    "plan,offer,2026-11-23,", "plan,invoice,2026-11-24,", "plan,payment,2026-11-25,", "plan,venue,2026-11-27,", "plan,feedback,2026-11-30,",
                ])
            #expect(body.filter { $0.hasPrefix("==> ") } == ["==> totals.csv <==", "==> manager-anna.csv <==", "==> manager-bob.csv <==", "==> manager-cara.csv <=="])
            let anna = Array(body.drop { $0 != "==> manager-anna.csv <==" }.dropFirst().prefix(11))
            #expect(anna[0] == "client,name,contact,phone,email,segment,step,state,offer,calls,first_called,last_call,last_outcome,amounts,next_due")
            #expect(
                anna.contains { $0.hasSuffix(",company,payment,open,accepted,2,2026-11-23T09:02:00Z,2026-11-24T09:05:00Z,invoiced,invoiced 1500.00,2026-11-25") },
                "client A: \(anna)")
            #expect(anna.contains { $0.hasSuffix(",company,offer,do-not-call,,2,2026-11-23T09:03:00Z,2026-11-24T09:01:00Z,do-not-call,,") }, "client B: \(anna)")
            #expect(anna.filter { $0.hasSuffix(",company,offer,open,,0,,,,,2026-11-23") }.count == 8)
            #expect(r[1] == ["ERR SYNTAX 'export sheets' needs --week 2026-W48"])
            #expect(r[2] == ["ERR NOT_FOUND campaign 'seminar' has no wave in 2026-W50 (see: wave list seminar)"])
            #expect(r[3] == ["ERR SYNTAX --delimiter \"pipe\" is not comma, semicolon or tab"])
        }
    }
}
