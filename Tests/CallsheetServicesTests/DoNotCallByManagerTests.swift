import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// Who may list whom (role × subject), and `dnc remove --reopen`.
@Suite struct DoNotCallByManagerTests {
    /// (client, login of the manager whose open case it is), from the wave.
    static func owners(_ database: Database) async throws -> [Int: String] {
        let pairs = try await CampaignFixture.pairs("SELECT k.client_id::int, k.manager_id::int FROM campaign_case k WHERE k.state = 'open'", in: database)
        let logins = try await CampaignFixture.pairs("SELECT id::int, CASE login WHEN 'anna' THEN 1 ELSE 2 END FROM manager", in: database)
        let name = Dictionary(uniqueKeysWithValues: logins.map { ($0.0, $0.1 == 1 ? "anna" : "bart") })
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, name[$0.1] ?? "?") })
    }

    @Test func managersListTheirOwnClientsAndBareNumbersOnly() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 6, managers: ["anna", "bart"])
            let owner = try await Self.owners(database)
            let annas = owner.filter { $0.value == "anna" }.keys.sorted(), barts = owner.filter { $0.value == "bart" }.keys.sorted()
            try #require(annas.count >= 2 && barts.count >= 2, "\(owner)")
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            func phone(_ client: Int) -> String { "\"+48 \(600_000_000 + client)\"" }
            // Anna, manager (OS user anna works as manager anna).
            let anna = await s.run(
                [
                    "dnc add #\(annas[0]) --reason \"asked on the phone\"",
                    "dnc add \(phone(annas[1])) --reason asked",
                    "dnc add #\(barts[0]) --reason x",
                    "dnc add \(phone(barts[1])) --reason x",
                    "dnc add \"+48 700 000 001\" --reason \"a number no client has\"",
                    "dnc remove \"+48 700 000 001\"",
                ], role: .manager, user: "anna")
            #expect(anna[0] == ["OK dnc=\"client #\(annas[0])\" list=global added=yes"], "\(anna[0])")
            #expect(anna[1] == ["OK dnc=+48\(600_000_000 + annas[1]) list=global added=yes"], "\(anna[1])")
            #expect(anna[2] == ["ERR PERM client #\(barts[0]) is not on your list; a manager lists only their own clients and numbers no client has; ask an administrator"])
            #expect(
                anna[3] == [
                    "ERR PERM +48\(600_000_000 + barts[1]) belongs to 1 client(s) not on your list; a manager lists only their own clients and numbers no client has; ask an administrator"
                ])
            #expect(anna[4] == ["OK dnc=+48700000001 list=global added=yes"])
            #expect(anna[5].last?.hasPrefix("ERR PERM 'dnc remove' needs the admin role") == true, "\(anna[5])")
            // Bart's work is untouched by Anna's refused attempts.
            let open = try await CampaignFixture.pairs(
                "SELECT count(*)::int, 0 FROM campaign_case WHERE state = 'open' AND client_id = ANY(ARRAY[\(barts[0]), \(barts[1])])", in: database)
            #expect(open[0].0 == 2)
            // A viewer lists nothing; an administrator lists anyone.
            #expect(await s.run("dnc add #\(barts[0]) --reason x", role: .viewer).last?.hasPrefix("ERR PERM 'dnc add' needs the manager role") == true)
            #expect(await s.run("dnc add #\(barts[0]) --reason \"asked the office\"", role: .admin) == ["OK dnc=\"client #\(barts[0])\" list=global added=yes"])
        }
    }

    @Test func removeWithReopenRestoresWhatTheListingClosed() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 2)
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            let r = await s.run([
                "dnc add #1 --reason asked",
                "dnc remove #1 --reopen --reason \"consented again\"",
                "dnc add \"+48 600 000 002\" --reason asked",
                "dnc add #2 --campaign seminar --reason asked",
                "dnc remove \"+48 600 000 002\" --reopen",
                "client show 1",
            ])
            #expect(r[1] == ["OK dnc=\"client #1\" removed=yes reopened_cases=1 reopened_tasks=1"], "\(r[1])")
            #expect(r[4] == ["OK dnc=+48600000002 removed=yes reopened_cases=0 reopened_tasks=0"], "client 2 is still listed for the campaign: \(r[4])")
            #expect(r[5].contains { $0.contains("reopened 1 case(s) the do-not-call listing had closed") }, "\(r[5])")
            let next = await s.run("next", role: .manager)
            #expect(next.last == "OK task=1 client=1 step=offer", "client 1 can be called again: \(next)")
        }
    }
}
