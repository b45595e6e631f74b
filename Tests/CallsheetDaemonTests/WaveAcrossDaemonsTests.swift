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
    static func config(interval: Int = 60) -> String {
        "workflows_dir: \(WorkflowFileTests.directory)\nscheduler:\n  interval_seconds: \(interval)\n"
    }

    /// 300 clients, two managers, one seminar campaign with everyone in the audience.
    static func seed(_ url: DatabaseURL, through daemon: DaemonProcess, autoWave: Weekday? = nil) async throws {
        for line in [
            "admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa", "manager add bart --name Bart --admin ewa --capacity 200",
            "campaign create seminar --workflow seminar-weekly --admin ewa",
        ] {
            let reply = try await DaemonHarness.run(line, on: daemon)
            #expect(reply.isOK, "\(line): \(reply.body) \(reply.status)")
        }
        try await TestDatabase.withPool(url: url) { database in
            try await database.withTransaction { connection in
                try await connection.query("INSERT INTO client (name) SELECT 'Client ' || g FROM generate_series(1, 300) g", logger: database.logger)
                try await connection.query("INSERT INTO campaign_client (campaign_id, client_id) SELECT 1, id FROM client", logger: database.logger)
            }
        }
        if let autoWave {
            let reply = try await DaemonHarness.run("campaign set seminar --auto-wave \(autoWave)", on: daemon)
            #expect(reply.isOK, "\(reply.body) \(reply.status)")
        }
    }

    static func count(_ sql: String, _ url: DatabaseURL) async throws -> Int {
        try await TestDatabase.withPool(url: url) { database in
            try await database.withTransaction { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect().first!.decode(Int.self)
            }
        }
    }

    @Test func twoAdministratorsOpeningTheSameWaveOnTwoDaemons() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemons = try (0..<2).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted, configYAML: Self.config()) }
        for daemon in daemons { try await daemon.waitUntilReady() }
        try await Self.seed(url, through: daemons[0])
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
        #expect(try await Self.count("SELECT count(*)::int FROM wave", url) == 3)
        #expect(try await Self.count("SELECT count(*)::int FROM campaign_case", url) == 300, "later weeks skip the open cases")
        #expect(try await Self.count("SELECT count(*)::int FROM task WHERE state = 'pending'", url) == 300)
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }

    @Test func theSchedulersOfTwoDaemonsOpenTheWeeksWaveOnce() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemons = try (0..<2).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted, configYAML: Self.config(interval: 1)) }
        for daemon in daemons { try await daemon.waitUntilReady() }
        // Auto-wave on today's weekday (in the daemon's zone): the next tick opens this week's wave.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = Weekday(rawValue: (calendar.component(.weekday, from: Date()) + 5) % 7 + 1)!
        try await Self.seed(url, through: daemons[0], autoWave: today)
        var waves = 0
        for _ in 0..<100 where waves == 0 {
            try await Task.sleep(for: .milliseconds(100))
            waves = try await Self.count("SELECT count(*)::int FROM wave", url)
        }
        try await Task.sleep(for: .seconds(3)) // several more ticks on both daemons
        #expect(try await Self.count("SELECT count(*)::int FROM wave", url) == 1)
        #expect(try await Self.count("SELECT count(*)::int FROM campaign_case", url) == 300)
        let openers = daemons.filter { $0.log().contains("scheduler opened a wave") }.count
        #expect(openers == 1, "exactly one daemon opened it")
        #expect(!daemons.contains { $0.log().contains("scheduler could not open") })
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }
}
