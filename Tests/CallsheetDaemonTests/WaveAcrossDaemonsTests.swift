import CallsheetClient
import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import PostgresNIO
import Testing

/// Two daemons on one database: a week's wave is opened exactly once, whether two
/// administrators race for it or the schedulers of both daemons do.
@Suite struct WaveAcrossDaemonsTests {

    @Test func twoAdministratorsOpeningTheSameWaveOnTwoDaemons() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemons = try (0..<2).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted, configYAML: DaemonFixture.config()) }
        for daemon in daemons { try await daemon.waitUntilReady() }
        try await DaemonFixture.seed(url, through: daemons[0])
        for round in 0..<3 {
            let week = "2030-W\(10 + round)"
            let replies = try await withThrowingTaskGroup(of: ConsoleReply.self) { group in
                for daemon in daemons { group.addTask { try await DaemonHarness.run("wave open seminar --week \(week)", on: daemon) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let statuses = replies.map { $0.status }.sorted()
            #expect(statuses.filter { $0.hasPrefix("OK wave=") && $0.contains("skipped=\(round == 0 ? 0 : 300) ") }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0.hasPrefix("ERR CONFLICT week \(week) already has a wave") }.count == 1, "\(statuses)")
        }
        #expect(try await DaemonFixture.count("SELECT count(*)::int FROM wave", url) == 3)
        #expect(try await DaemonFixture.count("SELECT count(*)::int FROM campaign_case", url) == 300, "later weeks skip the open cases")
        #expect(try await DaemonFixture.count("SELECT count(*)::int FROM task WHERE state = 'pending'", url) == 300)
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }

    @Test func theSchedulersOfTwoDaemonsOpenTheWeeksWaveOnce() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemons = try (0..<2).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted, configYAML: DaemonFixture.config(interval: 1)) }
        for daemon in daemons { try await daemon.waitUntilReady() }
        // Auto-wave on today's weekday (in the daemon's zone): the next tick opens this week's wave.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = Weekday(rawValue: (calendar.component(.weekday, from: Date()) + 5) % 7 + 1)!
        try await DaemonFixture.seed(url, through: daemons[0], autoWave: today)
        var waves = 0
        for _ in 0..<100 where waves == 0 {
            try await Task.sleep(for: .milliseconds(100))
            waves = try await DaemonFixture.count("SELECT count(*)::int FROM wave", url)
        }
        try await Task.sleep(for: .seconds(3))  // several more ticks on both daemons
        #expect(try await DaemonFixture.count("SELECT count(*)::int FROM wave", url) == 1)
        #expect(try await DaemonFixture.count("SELECT count(*)::int FROM campaign_case", url) == 300)
        let openers = daemons.filter { $0.log().contains("scheduler opened a wave") }.count
        #expect(openers == 1, "exactly one daemon opened it")
        #expect(!daemons.contains { $0.log().contains("scheduler could not open") })
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }
}
