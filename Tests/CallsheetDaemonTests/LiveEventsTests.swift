import CallsheetDaemon
import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `GET /api/v1/events` through real daemons: an outcome recorded on one daemon reaches the
/// event streams open on another within 2 s (LISTEN/NOTIFY), and only the streams it
/// concerns.
@Suite struct LiveEventsTests {
    /// A running `curl -N` reading an event stream into a file.
    struct EventStream {
        let pid: pid_t
        let file: String

        init(port: Int, token: String, file: String) throws {
            self.file = file
            pid = try ExternalProgram.spawn(
                ["/usr/bin/curl", "-sSN", "--max-time", "60", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(port)/api/v1/events"], output: file)
        }

        var text: String { (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" }

        /// Waits until the stream holds `needle`; false after `timeout`.
        func wait(for needle: String, timeout: Duration) async throws -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if text.contains(needle) { return true }
                try await Task.sleep(for: .milliseconds(20))
            }
            return text.contains(needle)
        }

        func stop() {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    @Test func anOutcomeOnOneDaemonReachesTheStreamsOfAnotherWithinTwoSeconds() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let port = HTTPListenerTests.freePort()
        let web = try DaemonProcess(stateDirectory: scratch + "/web", databaseURL: url.redacted, configYAML: DaemonFixture.config(), httpPort: port)
        let console = try DaemonProcess(stateDirectory: scratch + "/console", databaseURL: url.redacted, configYAML: DaemonFixture.config())
        try await web.waitUntilReady()
        try await console.waitUntilReady()
        try await DaemonFixture.seed(url, through: console)
        let thisWeek = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400)))
        for line in [
            "admin add olga --name Olga", "manager add zoe --name Zoe --team olga",
            "campaign set seminar --calling-hours 00:00-24:00 --working-days mon-sun",
        ] {
            let reply = try await DaemonHarness.run(line, on: console)
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
        var streams: [String: EventStream] = [:]
        for login in ["ewa", "bart", "zoe"] {
            let token = try #require(try await DaemonHarness.run("token create \(login) --name live", on: console).field("token"))
            streams[login] = try EventStream(port: port, token: token, file: scratch + "/\(login).events")
        }
        defer { streams.values.forEach { $0.stop() } }
        for (login, stream) in streams { #expect(try await stream.wait(for: ": connected", timeout: .seconds(10)), "\(login): \(stream.text)") }

        #expect(try await DaemonHarness.run("wave open seminar --week \(thisWeek)", on: console).isOK)
        #expect(try await streams["bart"]!.wait(for: "event: assigned", timeout: .seconds(2)), "bart's new calls: \(streams["bart"]!.text)")
        #expect(try await streams["bart"]!.wait(for: "event: wave", timeout: .seconds(2)))

        let claimed = try await DaemonHarness.run("next --as anna", on: console)
        let task = try #require(claimed.field("task"), "\(claimed.status)")
        let recorded = ContinuousClock.now
        #expect(try await DaemonHarness.run("outcome \(task) no-answer --as anna", on: console).isOK)
        let needle = #""task":\#(task)"#
        #expect(try await streams["ewa"]!.wait(for: needle, timeout: .seconds(2)), "the administrator's stream: \(streams["ewa"]!.text)")
        #expect(try await streams["bart"]!.wait(for: needle, timeout: .seconds(2)), "a manager of the same team: \(streams["bart"]!.text)")
        let elapsed = ContinuousClock.now - recorded
        #expect(elapsed < .seconds(2), "\(elapsed)")
        #expect(streams["ewa"]!.text.contains(#"event: outcome"#) && streams["ewa"]!.text.contains(#""outcome":"no-answer""#))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!streams["zoe"]!.text.contains("event:"), "another team's manager hears nothing of it: \(streams["zoe"]!.text)")

        for daemon in [web, console] { #expect(try await daemon.stop() == 0, "an open event stream does not hold the shutdown up") }
        await TestCluster.shared.drop(url)
    }
}
