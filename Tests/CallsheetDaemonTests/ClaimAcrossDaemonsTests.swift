import CallsheetClient
import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The call loop with two daemons on one database.
@Suite struct ClaimAcrossDaemonsTests {
    /// 16 sessions, half on each of two daemons, claim from one shared queue (call-backs of
    /// one manager, escalated to the team) until it is empty: every task exactly once.
    @Test func sessionsOnTwoDaemonsClaimEveryTaskExactlyOnce() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let config = DaemonFixture.config() + "calls:\n  min_gap_minutes: 0\n"
        let daemons = try (0..<2).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted, configYAML: config) }
        for daemon in daemons { try await daemon.waitUntilReady() }
        try await DaemonFixture.seed(url, through: daemons[0])
        let managers = (1...16).map { "c\($0)" }
        let thisWeek = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400)))
        for line in managers.map({ "manager add \($0) --name \($0) --admin ewa" }) + [
            "campaign set seminar --calling-hours 00:00-24:00 --working-days mon-sun",
            "wave open seminar --week \(thisWeek)",
        ] {
            let reply = try await DaemonHarness.run(line, on: daemons[0])
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
        let moved = try await DaemonFixture.count(
            "WITH u AS (UPDATE task SET manager_id = 1, personal = true, origin = 'callback', due_at = now() - interval '3 hours', "
                + "due_on = current_date - 1 RETURNING 1) SELECT count(*)::int FROM u", url)
        #expect(moved == 300)
        let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (index, manager) in managers.enumerated() {
                let daemon = daemons[index % 2]
                group.addTask {
                    try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { console in
                        var mine: [Int] = []
                        while true {
                            let reply = try await console.run("next --as \(manager)")
                            guard reply.isOK, let task = reply.field("task"), let id = Int(task) else { break }
                            mine.append(id)
                            let done = try await console.run("outcome \(id) refused --as \(manager)")
                            #expect(done.isOK, "\(done.status)")
                        }
                        return mine
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(claimed.count == 300)
        #expect(Set(claimed).count == 300, "no task was handed out twice across the two daemons")
        #expect(try await DaemonFixture.count("SELECT count(DISTINCT task_id)::int FROM call", url) == 300)
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }
}
