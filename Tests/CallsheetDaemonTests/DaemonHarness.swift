import CallsheetClient
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// Starts real callsheetd processes for one test and cleans up after it.
enum DaemonHarness {
    /// A short, fresh directory for one test's state (socket paths must stay under 107 bytes).
    static func scratchDirectory() throws -> String {
        let path = "/tmp/cs-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `body` with a daemon on a fresh database of the test cluster.
    static func withDaemon<R>(
        config: String? = nil, socketPath: String? = nil, httpPort: Int? = nil, _ body: (DaemonProcess) async throws -> R
    ) async throws -> R {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try scratchDirectory()
        let daemon = try DaemonProcess(
            stateDirectory: scratch + "/state", databaseURL: url.redacted, configYAML: config, socketPath: socketPath, httpPort: httpPort)
        do {
            try await daemon.waitUntilReady()
            let result = try await body(daemon)
            let status = try await daemon.stop()
            #expect(status == 0, "callsheetd exited with \(status): \(daemon.log())")
            await TestCluster.shared.drop(url)
            try? FileManager.default.removeItem(atPath: scratch)
            return result
        } catch {
            _ = try? await daemon.stop(signal: SIGKILL)
            await TestCluster.shared.drop(url)
            throw error
        }
    }

    static func run(_ line: String, on daemon: DaemonProcess) async throws -> ConsoleReply {
        try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { try await $0.run(line) }
    }
}
