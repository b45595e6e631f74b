import CallsheetClient
import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

@Suite struct CallLoopTests {

    /// Seed 004, one client, the whole week through the console, step by step.
    @Test func theSeed004WeekForOneClient() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            let monday = await CallLoopFixture.at("2026-11-23T09:00:00Z", database).run(
                ["next", "outcome 1 agreed --note \"sends the offer\"", "next", "outcome 1 agreed"], role: .manager)
            #expect(monday[0].last == "OK task=1 client=1 step=offer")
            #expect(monday[0].contains { $0.hasPrefix("hint:") && $0.contains("Offer this week's seminar") })
            #expect(monday[1] == ["OK task=1 outcome=agreed case=open next_task=2 next_step=invoice next_due=2026-11-24"])
            #expect(monday[2].last?.hasPrefix("OK task=none next_due=2026-11-24") == true)
            #expect(monday[3] == ["ERR CONFLICT task 1 is already done; nothing was recorded"])
            let tuesday = await CallLoopFixture.at("2026-11-24T09:00:00Z", database).run(
                ["next --json", "outcome 2 invoiced", "outcome 2 invoiced --amount 1500.00"], role: .manager)
            #expect(tuesday[0].count == 1 && tuesday[0][0].hasPrefix(#"{"ok":true,"task":2,"client":1,"step":"invoice","data":{"campaign":"seminar""#))
            #expect(
                tuesday[0][0].contains(
                    #""last_calls":[{"when":"2026-11-23T09:00:00Z","campaign":"seminar","manager":"anna","step":"offer","outcome":"agreed","amount":null,"note":"sends the offer"}]"#
                ),
                "\(tuesday[0])")
            #expect(tuesday[1] == ["ERR INVALID 'invoiced' needs --amount (for example --amount 1500.00)"])
            #expect(tuesday[2] == ["OK task=2 outcome=invoiced case=open next_task=3 next_step=payment next_due=2026-11-25"])
            let wednesday = await CallLoopFixture.at("2026-11-25T09:00:00Z", database).run(["next", "outcome 3 paid --amount 1500.00"], role: .manager)
            #expect(wednesday[0].contains("amounts:     invoiced 1500.00"))
            #expect(wednesday[1] == ["OK task=3 outcome=paid case=open next_task=4 next_step=venue next_due=2026-11-27"])
            let thursday = await CallLoopFixture.at("2026-11-26T09:00:00Z", database).run(["next"], role: .manager)
            #expect(thursday[0].last?.hasPrefix("OK task=none next_due=2026-11-27") == true)
            // Friday's call is taken and recorded by the administrator for anna (`--as`).
            let friday = await CallLoopFixture.at("2026-11-27T09:00:00Z", database).run(["next --as anna", "outcome 4 informed --as anna"], role: .admin, uid: 1001, user: "ewa")
            #expect(friday[1] == ["OK task=4 outcome=informed case=open next_task=5 next_step=feedback next_due=2026-11-30"])
            let nextMonday = await CallLoopFixture.at("2026-11-30T09:00:00Z", database).run(["next", "outcome 5 liked", "client show 1"], role: .manager)
            #expect(nextMonday[0].last == "OK task=5 client=1 step=feedback")
            #expect(nextMonday[1] == ["OK task=5 outcome=liked case=won"])
            #expect(nextMonday[2].filter { $0.contains("  call  ") }.count == 5)
            #expect(nextMonday[2].contains { $0.contains("campaign seminar, invoice: invoiced 1500.00; next payment due 2026-11-25") })
            #expect(nextMonday[2].contains { $0.contains(" anna (by ewa) ") && $0.contains("venue: informed") }, "who recorded it on anna's behalf")
        }
    }

    /// 64 managers' sessions claim from one team's queue until it is empty: every task is
    /// claimed exactly once and none is lost. The shared queue is m1's call-backs, overdue
    /// long enough to be open to the whole team, so all 64 sessions contend for the same rows.
    @Test func sixtyFourSessionsClaimEveryTaskExactlyOnce() async throws {
        let managers = (1...64).map { "m\($0)" }
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 640, managers: managers)
            _ = try await CampaignFixture.pairs(
                "UPDATE task SET manager_id = 1, personal, origin = 'callback', due_at = '2026-11-23T07:00:00Z' RETURNING 1, 1".replacingOccurrences(
                    of: "personal,", with: "personal = true,"), in: database)
            let settings = CallSettings(leaseMinutes: 15, minimumGapMinutes: 0)
            let perManager = try await withThrowingTaskGroup(of: [Int].self) { group in
                for manager in managers {
                    group.addTask {
                        var mine: [Int] = []
                        let session = CallLoopFixture.at("2026-11-23T09:00:00Z", database, callSettings: settings)
                        while true {
                            let r = await session.replies(["next --as \(manager)"], role: .admin)[0]
                            guard let id = r.field("task").flatMap(Int.init) else { break }
                            mine.append(id)
                            let done = await session.run(["outcome \(id) refused --as \(manager)"], role: .admin)[0]
                            #expect(done.last?.hasPrefix("OK task=\(id) outcome=refused case=lost") == true, "\(done)")
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            let claimed = perManager.flatMap { $0 }
            #expect(claimed.count == 640)
            #expect(Set(claimed).count == 640, "no task was claimed twice")
            let left = try await CampaignFixture.pairs("SELECT count(*)::int, count(*) FILTER (WHERE state = 'done')::int FROM task", in: database)
            #expect(left[0] == (640, 640))
            let calls = try await CampaignFixture.pairs("SELECT count(*)::int, count(DISTINCT task_id)::int FROM call", in: database)
            #expect(calls[0] == (640, 640))
            let rebuilt = await CallLoopFixture.at("2026-11-23T10:00:00Z", database).run(["report rebuild"], role: .admin)[0]
            // One rollup row per manager who recorded a call (under load a late starter may find the queue empty).
            let rows = perManager.filter { !$0.isEmpty }.count
            #expect(
                rebuilt == ["OK rows=\(rows) differing=0 cases_differing=0 lists_differing=0 tasks_differing=0 matched=yes"],
                "the report rollup counted every concurrent outcome once")
        }
    }

    /// The same outcome sent by many sessions at once (a double click, a retrying client):
    /// one is recorded, with one call and one follow-up; every other is refused.
    @Test func concurrentOutcomesOnOneTaskRecordOnce() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            let claim = await CallLoopFixture.at("2026-11-23T09:00:00Z", database).run(["next"], role: .manager)
            #expect(claim[0].last == "OK task=1 client=1 step=offer")
            let answers = await withTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask { await CallLoopFixture.at("2026-11-23T09:05:00Z", database).run(["outcome 1 agreed --as anna"], role: .admin)[0].last ?? "" }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.hasPrefix("OK task=1 outcome=agreed") }.count == 1, "\(answers)")
            #expect(answers.filter { $0 == "ERR CONFLICT task 1 is already done; nothing was recorded" }.count == 15, "\(answers)")
            let written = try await CampaignFixture.pairs(
                "SELECT (SELECT count(*)::int FROM call), (SELECT count(*)::int FROM task WHERE step = 'invoice')", in: database)
            #expect(written[0] == (1, 1), "one call, one follow-up")
        }
    }
}
