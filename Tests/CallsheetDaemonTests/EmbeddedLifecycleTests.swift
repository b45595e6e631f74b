import CallsheetClient
import CallsheetDaemon
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// The embedded default, end to end: cold start, refusal of a second daemon, kill -9 and
/// restart with the data intact, clean SIGTERM.
@Suite(.serialized) struct EmbeddedLifecycleTests {
    @Test func embeddedClusterSurvivesKillNineAndStopsCleanly() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let state = scratch + "/state"

        let first = try DaemonProcess(stateDirectory: state, databaseURL: nil)
        try await first.waitUntilReady(timeout: .seconds(60))
        let status = try await DaemonHarness.run("status", on: first)
        #expect(status.isOK)
        #expect(status.body.contains("database_reachable: yes"))
        #expect(status.field("schema") == String(SchemaMigrations.latestVersion))
        #expect(first.log().contains("how=initialized"))

        // Something to find again after the crash.
        let clusterURL = DatabaseURL(endpoint: .unixSocket(path: state + "/postgres/.s.PGSQL.5432"), username: "callsheet", database: "callsheet", tls: .disable)
        _ = try await TestDatabase.withPool(url: clusterURL) { database in
            try await database.withConnection { connection in
                try await connection.query("INSERT INTO audit_event (action, subject) VALUES ('test', 'survives kill -9')", logger: Logger(label: "t"))
            }
        }

        let second = try DaemonProcess(stateDirectory: state, databaseURL: nil)
        let secondStatus = try await second.waitForExit()
        #expect(secondStatus == 2)
        #expect(second.log().contains("another callsheetd (pid \(first.pid)) is serving"))

        #expect(try await first.stop(signal: SIGKILL) == 128 + SIGKILL)
        #expect(FileManager.default.fileExists(atPath: state + "/console.sock"), "a killed daemon leaves its socket behind")

        let third = try DaemonProcess(stateDirectory: state, databaseURL: nil)
        try await third.waitUntilReady(timeout: .seconds(60))
        #expect(try await DaemonHarness.run("ping", on: third).isOK)
        let survivors = try await TestDatabase.withPool(url: clusterURL) { database in
            try await database.withConnection { connection in
                var found: [String] = []
                let rows = try await connection.query("SELECT subject FROM audit_event WHERE action = 'test'", logger: Logger(label: "t"))
                for try await subject in rows.decode(String.self) { found.append(subject) }
                return found
            }
        }
        #expect(survivors == ["survives kill -9"])

        #expect(try await third.stop(signal: SIGTERM) == 0)
        #expect(!FileManager.default.fileExists(atPath: state + "/console.sock"), "a clean stop removes the socket")
        #expect(!FileManager.default.fileExists(atPath: state + "/postgres/.s.PGSQL.5432"), "a clean stop stops the embedded cluster")
        #expect(third.log().contains("embedded PostgreSQL stopped"))

        // Warm start: the cluster is re-used, not re-created.
        let fourth = try DaemonProcess(stateDirectory: state, databaseURL: nil)
        try await fourth.waitUntilReady(timeout: .seconds(60))
        #expect(fourth.log().contains("how=started"))
        #expect(try await fourth.stop() == 0)
    }
}
