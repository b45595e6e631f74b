import CallsheetClient
import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import PostgresNIO
import Testing

/// The set-up the suites that run real daemons share: a config, a seeded campaign, and
/// reading a daemon's database directly.
enum DaemonFixture {
    static func count(_ sql: String, _ url: DatabaseURL) async throws -> Int {
        try await TestDatabase.withPool(url: url) { database in
            try await database.withTransaction { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect().first!.decode(Int.self)
            }
        }
    }

    static func config(interval: Int = 60) -> String {
        "workflows_dir: \(RepositoryFiles.workflows)\nscheduler:\n  interval_seconds: \(interval)\n"
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

    /// This week's ISO week (UTC).
    static var thisWeek: ISOWeek { ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400))) }

    /// ``seed(_:through:autoWave:)``, then calls due at any hour of any day and this week's
    /// wave open — every manager has calls to take now, whenever the test runs.
    static func seedCallsDueNow(_ url: DatabaseURL, through daemon: DaemonProcess) async throws -> ISOWeek {
        try await seed(url, through: daemon)
        let week = thisWeek
        for line in ["campaign set seminar --calling-hours 00:00-24:00 --working-days mon-sun", "wave open seminar --week \(week)"] {
            let reply = try await DaemonHarness.run(line, on: daemon)
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
        return week
    }

    /// A daemon with an HTTP port on a fresh database, seeded with calls due now
    /// (``seedCallsDueNow(_:through:)``); after `body` it is stopped (cleanly, checked) and its
    /// database dropped.
    struct SeededDaemon {
        let daemon: DaemonProcess
        let url: DatabaseURL
        let port: Int
        /// A directory of the test's own, deleted afterwards.
        let scratch: String
        let week: ISOWeek
    }

    static func withSeededDaemon(config: String = config(), _ body: (SeededDaemon) async throws -> Void) async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let port = HTTPListenerTests.freePort()
        let daemon = try DaemonProcess(stateDirectory: scratch + "/d", databaseURL: url.redacted, configYAML: config, httpPort: port)
        try await daemon.waitUntilReady()
        let week = try await seedCallsDueNow(url, through: daemon)
        try await body(SeededDaemon(daemon: daemon, url: url, port: port, scratch: scratch, week: week))
        #expect(try await daemon.stop() == 0)
        await TestCluster.shared.drop(url)
    }
}
