import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// The wave written by the database path (pool query, cursor, COPY, INSERT … SELECT) is
/// exactly what the domain distributor decides for the same input, over randomised teams,
/// histories and do-not-call lists.
@Suite struct WaveDistributionTests {
    @Test(arguments: 1...6) func theDatabaseWaveMatchesTheDomainDistributor(seed: Int) async throws {
        try await TestDatabase.with { database, _ in
            var random = Seeded(seed: UInt64(seed))
            let clientCount = Int.random(in: 20...160, using: &random)
            try await CampaignFixture.clients(clientCount, in: database)
            let console = ConsoleTestSession(database: database)
            var setup = ["admin add ewa --name Ewa", "admin add jan --name Jan", "campaign create c --workflow seminar-weekly --admin ewa"]
            let managerCount = Int.random(in: 1...6, using: &random)
            var capacities: [Int: Int] = [:], active: [Int: Bool] = [:]
            for m in 1...managerCount {
                capacities[m] = Int.random(in: 0...40, using: &random)
                active[m] = Int.random(in: 0..<5, using: &random) > 0
                setup.append("manager add m\(m) --name M\(m) --admin ewa --capacity \(capacities[m]!)")
            }
            setup.append("manager add other --name Other --admin jan")  // another team's manager (id managerCount + 1)
            let audience = (1...clientCount).filter { _ in Int.random(in: 0..<10, using: &random) > 0 }
            setup.append("campaign add-clients c --clients " + audience.map(String.init).joined(separator: ","))
            var dnc: Set<Int> = []
            for client in audience where Int.random(in: 0..<12, using: &random) == 0 {
                dnc.insert(client)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: setup.append("dnc add #\(client) --reason r")
                case 1: setup.append("dnc add #\(client) --campaign c --reason r")
                default: setup.append("dnc add +48\(600_000_000 + client) --reason r")
                }
            }
            let r = await console.run(setup)
            #expect(r.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(r.filter { $0.last?.hasPrefix("OK") != true })")
            // History: earlier cases with random managers (of this team, or the other one) and outcomes.
            var previous: [Int: (manager: Int, state: String)] = [:]
            var history: [String] = []
            for client in audience where Bool.random(using: &random) {
                let manager = Int.random(in: 1...(managerCount + 1), using: &random)
                let state = ["won", "unreachable", "lost", "open", "cancelled"][Int.random(in: 0..<5, using: &random)]
                if state == "open", dnc.contains(client) { continue }  // a listing would have closed it
                previous[client] = (manager, state)
                history.append("(1, \(client), \(manager), '\(state)', 'offer')")
            }
            if !history.isEmpty {
                _ = try await CampaignFixture.pairs(
                    """
                    WITH i AS (INSERT INTO campaign_case (campaign_id, client_id, manager_id, state, step) VALUES \(history.joined(separator: ", ")) RETURNING 1)
                    SELECT count(*)::int, 0 FROM i
                    """, in: database)
            }
            if managerCount > 1 { _ = await console.run((1...managerCount).filter { !active[$0]! }.map { "manager deactivate m\($0)" }) }

            // The domain's answer for the same input.
            let seats = (1...managerCount).filter { active[$0]! }.map { WaveDistributor.Seat(managerID: $0, capacity: capacities[$0]!) }
            let eligible = audience.filter { c in
                !dnc.contains(c) && !["open", "lost"].contains(previous[c]?.state ?? "")
            }
            var returning: [Int: Int] = [:]
            for c in eligible { if let p = previous[c]?.manager { returning[p, default: 0] += 1 } }
            var distributor = WaveDistributor(seats: seats, returning: returning)
            var expected: [Int: Int] = [:]
            for c in eligible { if let p = distributor.place(previousManager: previous[c]?.manager) { expected[c] = p.managerID } }

            let opened = await console.run("wave open c --week 2026-W48")
            guard seats.contains(where: { $0.capacity > 0 }) else {
                #expect(opened.last?.hasPrefix("ERR INVALID the team of 'ewa' has no active manager") == true)
                return
            }
            let skippedCount = audience.count - eligible.count
            #expect(opened.last == "OK wave=1 assigned=\(eligible.count) skipped=\(skippedCount) managers=\(Set(expected.values).count)", "\(opened)")
            let written = try await CampaignFixture.pairs("SELECT client_id::int, manager_id::int FROM campaign_case WHERE wave_id = 1", in: database)
            #expect(Dictionary(uniqueKeysWithValues: written.map { ($0.0, $0.1) }) == expected)
            #expect(written.allSatisfy { !dnc.contains($0.0) })
            let tasks = try await CampaignFixture.pairs(
                "SELECT count(*)::int, count(DISTINCT case_id)::int FROM task t JOIN campaign_case k ON k.id = t.case_id WHERE k.wave_id = 1", in: database)
            #expect(tasks[0] == (eligible.count, eligible.count))
        }
    }

    /// Do-not-call adds racing a large wave: after both commit, no listed client has a pending task.
    @Test func doNotCallAddsRacingAWaveLeaveNoPendingWork() async throws {
        try await TestDatabase.with { database, _ in
            try await CampaignFixture.clients(3000, in: database)
            let console = ConsoleTestSession(database: database)
            _ = await console.run([
                "admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa --capacity 5000",
                "campaign create c --workflow seminar-weekly --admin ewa", "campaign add-clients c --all",
            ])
            let listed = Array(stride(from: 7, through: 3000, by: 97))
            async let wave = console.run("wave open c --week 2026-W48")
            let adds = await withTaskGroup(of: [String].self) { group in
                for client in listed { group.addTask { await console.run("dnc add #\(client) --reason race") } }
                return await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(await wave.last?.hasPrefix("OK wave=1") == true)
            #expect(adds.allSatisfy { $0.count == 1 && $0[0].hasPrefix("OK dnc=\"client #") && $0[0].hasSuffix("added=yes") }, "\(adds)")
            let pending = try await CampaignFixture.pairs(
                "SELECT count(*)::int, 0 FROM task WHERE state = 'pending' AND client_id = ANY('{\(listed.map(String.init).joined(separator: ","))}'::bigint[])", in: database)
            #expect(pending[0].0 == 0)
        }
    }
}

/// SplitMix64, seeded, so a failing randomised case reproduces.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
