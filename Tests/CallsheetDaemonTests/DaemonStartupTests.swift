import CallsheetClient
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// Start-up refusals (config, socket path) and several daemons on one database.
@Suite struct DaemonStartupTests {
    @Test(arguments: [
        ("console:\n  max_conections: 5\n", "console.max_conections: unknown key"),
        ("console:\n  idle_timeout_seconds: soon\n", "console.idle_timeout_seconds: expected a whole number, got \"soon\""),
        ("roles:\n  admin: root\n", "roles.admin: expected a section of keys"),
    ])
    func configErrorsStopStartUpNamingTheKey(yaml: String, expected: String) async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: yaml)
        #expect(try await daemon.waitForExit() == 2)
        #expect(daemon.log().contains("callsheetd: \(scratch)/state.yaml:"))
        #expect(daemon.log().contains(expected))
    }

    @Test func anUnreadableConfigFileStopsStartUp() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, extraArguments: ["--config", scratch + "/missing.yaml"])
        #expect(try await daemon.waitForExit() == 2)
        #expect(daemon.log().contains("cannot read config file \(scratch)/missing.yaml: no such file"))
    }

    @Test func aBadDatabaseURLStopsStartUp() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: "mysql://nope")
        #expect(try await daemon.waitForExit() == 2)
        #expect(daemon.log().contains("database.url: database URL must start with postgres:// or postgresql://"))
    }

    @Test func anOverlongSocketPathIsRefusedNotTruncated() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let deep = scratch + "/" + String(repeating: "d", count: 120)
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: "console:\n  socket: \(deep)/console.sock\n")
        #expect(try await daemon.waitForExit() == 2)
        #expect(daemon.log().contains("Unix sockets allow at most 107"))
    }

    @Test func twoDaemonsStartingTogetherOnOneDatabaseBothMigrateSafely() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let daemons = try (0..<3).map { try DaemonProcess(stateDirectory: scratch + "/d\($0)", databaseURL: url.redacted) }
        for daemon in daemons {
            try await daemon.waitUntilReady()
            let status = try await DaemonHarness.run("status", on: daemon)
            #expect(status.field("schema") == String(SchemaMigrations.latestVersion), "\(daemon.log())")
        }
        let applied = daemons.filter { $0.log().contains("applied migration") }.count
        #expect(applied == 1, "exactly one daemon applied the migrations")
        for daemon in daemons { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }
}
