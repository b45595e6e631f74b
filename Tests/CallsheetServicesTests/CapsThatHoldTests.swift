import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// The caps hold whatever the data and the timing: counted in the client's own day, kept
/// across remove-clients/add-clients, call-backs bounded, request ids per manager and a
/// concurrent retry answered with the replay.
@Suite struct CapsThatHoldTests {
    @Test func theDailyCapCountsInTheClientsOwnDay() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            _ = try await CampaignFixture.pairs("UPDATE client SET time_zone = 'Pacific/Auckland' RETURNING id::int, 0", in: database)
            // 20:00 UTC on Monday is 09:00 on Tuesday in Auckland (UTC+13); still Monday in Warsaw.
            let r = await CallLoopFixture.at("2026-11-23T20:00:00Z", database).run(["next", "outcome 1 no-answer"], role: .manager)
            #expect(r[0].last == "OK task=1 client=1 step=offer", "\(r)")
            let day = try await CampaignFixture.pairs("SELECT extract(day FROM calls_day)::int, calls_today FROM campaign_client", in: database)
            #expect(day[0] == (24, 1), "counted on the client's Tuesday, not the calendar's Monday: \(day)")
        }
    }

    @Test func removingAndAddingAClientKeepsItsCalls() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 2)
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            #expect(await s.run(["next", "outcome 1 no-answer"], role: .manager)[1].last?.hasPrefix("OK task=1") == true)
            let r = await s.run(["campaign remove-clients seminar --clients 1", "campaign add-clients seminar --clients 1,2"])
            #expect(r[1].last == "OK campaign=seminar added=1 already=1", "\(r)")
            let counts = try await CampaignFixture.pairs("SELECT client_id::int, calls_total FROM campaign_client ORDER BY client_id", in: database)
            #expect(counts.map(\.1) == [1, 0], "client 1 keeps the call it had: \(counts)")
            let today = try await CampaignFixture.pairs("SELECT calls_today, extract(day FROM calls_day)::int FROM campaign_client WHERE client_id = 1", in: database)
            #expect(today[0] == (1, 23))
        }
    }

    @Test func removingAndAssigningAClientKeepsItsCalls() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            #expect(await s.run(["next", "outcome 1 no-answer"], role: .manager)[1].last?.hasPrefix("OK task=1") == true)
            let r = await s.run(["campaign remove-clients seminar --clients 1", "assign 1 anna --campaign seminar"])
            #expect(r[1].last?.hasPrefix("OK") == true, "\(r)")
            let counts = try await CampaignFixture.pairs("SELECT calls_total, calls_today FROM campaign_client WHERE client_id = 1", in: database)
            #expect(counts.first.map { $0 == (1, 1) } == true, "assigning a removed client brings back the call it had: \(counts)")
        }
    }

    @Test func aCallBackMoreThanAYearAheadIsRefused() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            let r = await CallLoopFixture.at("2026-11-23T09:00:00Z", database).run(
                ["next", "callback 1 --at +400d", "callback 1 --at +99999999999999d", "callback 1 --at 2030-01-01T10:00Z", "callback 1 --at +300d"], role: .manager)
            #expect(r[1] == ["ERR INVALID --at \"+400d\" is more than a year ahead; book a call-back within a year"])
            #expect(r[2].last?.hasPrefix("ERR INVALID --at \"+99999999999999d\"") == true, "\(r[2])")
            #expect(r[3] == ["ERR INVALID --at \"2030-01-01T10:00Z\" is more than a year ahead; book a call-back within a year"])
            #expect(r[4].last?.hasPrefix("OK task=1") == true, "\(r[4])")
        }
    }

    @Test func requestIdsAreEachManagersOwn() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 2, managers: ["anna", "bart"])
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            let anna = await s.run(["next --as anna", "outcome 1 refused --as anna --request-id r-1"])
            let bart = await s.run(["next --as bart", "outcome 2 refused --as bart --request-id r-1"])
            #expect(anna[1] == ["OK task=1 outcome=refused case=lost"], "\(anna)")
            #expect(bart[1] == ["OK task=2 outcome=refused case=lost"], "another manager's r-1 is another request: \(bart)")
            #expect(await s.run("outcome 2 refused --as anna --request-id r-1") == ["ERR CONFLICT request id 'r-1' was already used for task 1 (refused)"])
        }
    }

    /// A client that retries while its first request is still running gets the replay, never CONFLICT.
    @Test func concurrentRetriesOfOneRequestAreAnsweredWithTheReplay() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 8)
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            for task in 1...8 {
                #expect(await s.run("next", role: .manager).last?.hasPrefix("OK task=\(task)") == true)
                let answers = await withTaskGroup(of: [String].self) { group in
                    for _ in 0..<8 {
                        group.addTask { await CallLoopFixture.at("2026-11-23T09:00:00Z", database).run("outcome \(task) refused --request-id q-\(task)", role: .manager) }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0 == ["OK task=\(task) outcome=refused case=lost"] }.count == 1, "\(answers)")
                #expect(answers.filter { $0 == ["OK task=\(task) outcome=refused replayed=yes"] }.count == 7, "\(answers)")
            }
            let calls = try await CampaignFixture.pairs("SELECT count(*)::int, count(DISTINCT task_id)::int FROM call", in: database)
            #expect(calls[0] == (8, 8), "one call per task")
        }
    }
}
