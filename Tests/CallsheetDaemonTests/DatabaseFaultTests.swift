import CallsheetClient
import CallsheetDaemon
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The database dies under a working call loop: the real callsheetd, real PostgreSQL
/// servers, and a look at what the database holds afterwards.
@Suite(.serialized) struct DatabaseFaultTests {
    /// Where a daemon's embedded cluster really is (the state directory may link elsewhere).
    static func embeddedHome(of daemon: DaemonProcess) -> String {
        let link = (daemon.stateDirectory as NSString).appendingPathComponent("postgres")
        return URL(fileURLWithPath: link).resolvingSymlinksInPath().path
    }

    /// Runs the loop; once `faultAfter` outcomes are recorded, `fault` runs; the loop goes on
    /// until `afterwards` more OK answers arrived past the fault (or 60 s passed).
    static func loop(
        on daemon: DaemonProcess, url: DatabaseURL, faultAfter: Int, afterwards: Int, fault: @escaping @Sendable () async throws -> Void
    )
        async throws -> (tally: CallLoopUnderFault.Tally, faultAt: ContinuousClock.Instant, faultDone: ContinuousClock.Instant)
    {
        let stop = CallLoopUnderFault.StopFlag()
        async let tally = CallLoopUnderFault.run(on: daemon, stop: stop)
        var recorded = 0
        while recorded < faultAfter {
            try await Task.sleep(for: .milliseconds(100))
            recorded = (try? await DaemonFixture.count("SELECT count(*)::int FROM call", url)) ?? recorded
        }
        let faultAt = ContinuousClock.now
        try await fault()
        let faultDone = ContinuousClock.now
        let deadline = faultDone + .seconds(60)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            let now = (try? await DaemonFixture.count("SELECT count(*)::int FROM call", url)) ?? 0
            if now >= recorded + afterwards { break }
        }
        stop.set()
        return (try await tally, faultAt, faultDone)
    }

    /// `kill -9` of the embedded postmaster while 8 managers claim and record outcomes:
    /// commands answer ERR UNAVAILABLE for seconds, the daemon restarts its cluster (crash
    /// recovery), and every outcome that was answered OK is in the database exactly once.
    @Test func killingTheEmbeddedPostmasterCostsSecondsAndLosesNothing() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: CallLoopUnderFault.config())
        try await daemon.waitUntilReady(timeout: .seconds(60))
        let home = Self.embeddedHome(of: daemon)
        let url = DatabaseURL(endpoint: .unixSocket(path: home + "/.s.PGSQL.5432"), username: EmbeddedPostgres.userName, database: EmbeddedPostgres.databaseName, tls: .disable)
        try await CallLoopUnderFault.seed(url, through: daemon, clients: 3000)
        let (tally, faultAt, _) = try await Self.loop(on: daemon, url: url, faultAfter: 150, afterwards: 150) {
            let text = try String(contentsOfFile: home + "/data/postmaster.pid", encoding: .utf8)
            let pid = pid_t(text.split(separator: "\n")[0])!
            #expect(kill(pid, SIGKILL) == 0)
        }
        let firstOKAfter = tally.okTimes.filter { $0 > faultAt + .milliseconds(100) }.min()
        #expect(firstOKAfter != nil, "commands succeeded again")
        if let firstOKAfter { #expect(firstOKAfter - faultAt < .seconds(30), "commands succeeded again within 30 s") }
        // The restart may be quicker than a lease's wait, so the outage need not be seen
        // at all; where it was, it was answered ERR UNAVAILABLE (or TIMEOUT), never INTERNAL.
        for message in tally.unavailableMessages {
            #expect(message.hasPrefix("ERR UNAVAILABLE the database is not reachable ("), "\(message)")
        }
        try await CallLoopUnderFault.checkDatabase(url, against: tally)
        #expect(daemon.log().contains("the embedded PostgreSQL is running again"))
        let status = try await DaemonHarness.run("status", on: daemon)
        #expect(status.status.contains("database=up"), "\(status.status)")
        // Stopping ends with the cluster's shutdown checkpoint of everything written since
        // crash recovery; with the whole suite on two cores that took over 30 s once (CI,
        // 2026-12-06; 41 s for the whole test alone). A hang still fails here.
        do {
            #expect(try await daemon.stop(timeout: .seconds(120)) == 0, "\(daemon.log().suffix(2000))")
        } catch {
            Issue.record("\(error); the daemon's log ends: \(daemon.log().suffix(3000))")
            _ = try? await daemon.stop(signal: SIGKILL)
        }
    }

    /// A separately started PostgreSQL (durable: with `synchronous_commit = off` an immediate
    /// stop loses acknowledged commits by design) as `database.url`, stopped with `-m immediate` under
    /// the call loop and started again 4 s later: meanwhile `next` answers ERR UNAVAILABLE
    /// within the lease timeout and `status` says why; afterwards the pool has reconnected
    /// by itself and nothing was lost or doubled.
    @Test func anExternalDatabaseThatGoesAwayAndComesBack() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let logger = Logger(label: "callsheet.test")
        let server = try EmbeddedPostgres(
            options: .init(
                home: scratch + "/external", binaries: try PostgresBinaries.locate(configured: nil), durable: true
            ), logger: logger)
        try await server.start(logger: logger)
        do {
            try await Self.callLoopThroughAnOutage(of: server, logger: logger, scratch: scratch)
        } catch {
            await server.stop(logger: logger, mode: "immediate")
            throw error
        }
        await server.stop(logger: logger, mode: "immediate")
    }

    private static func callLoopThroughAnOutage(of server: EmbeddedPostgres, logger: Logger, scratch: String) async throws {
        let url = server.url()
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: url.redacted, configYAML: CallLoopUnderFault.config())
        try await daemon.waitUntilReady()
        try await CallLoopUnderFault.seed(url, through: daemon, clients: 3000)

        let (tally, _, restarted) = try await loop(on: daemon, url: url, faultAfter: 150, afterwards: 150) {
            await server.stop(logger: logger, mode: "immediate")
            let started = ContinuousClock.now
            let next = try await DaemonHarness.run("next --as c1", on: daemon)
            #expect(next.status.hasPrefix("ERR UNAVAILABLE the database is not reachable ("), "\(next.status)")
            #expect(next.status.hasSuffix("retry in a moment"), "\(next.status)")
            #expect(ContinuousClock.now - started < .seconds(10), "answered within the lease timeout")
            let status = try await DaemonHarness.run("status", on: daemon)
            #expect(status.status.contains("database=down"), "\(status.status)")
            #expect(status.body.joined(separator: "\n").contains("database_problem"), "\(status.body)")
            try await Task.sleep(for: .seconds(4))
            try await server.start(logger: logger)
        }
        // Counted from the server's return: the pool reconnects with PostgresNIO's backoff,
        // which has grown during the outage (100 ms × 1.25ⁿ).
        let firstOKAfter = tally.okTimes.filter { $0 > restarted }.min()
        #expect(firstOKAfter != nil, "commands succeeded again after the restart")
        if let firstOKAfter { #expect(firstOKAfter - restarted < .seconds(30)) }
        try await CallLoopUnderFault.checkDatabase(url, against: tally)
        #expect(try await daemon.stop() == 0, "\(daemon.log().suffix(2000))")
    }
}
