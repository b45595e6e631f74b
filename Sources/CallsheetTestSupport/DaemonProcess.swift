import CallsheetClient
import CallsheetDaemon
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `callsheetd` process for tests and benchmarks: started with a config file, a
/// state directory and an environment, talked to over its real socket, stopped by a
/// signal — including `kill -9`.
public final class DaemonProcess: @unchecked Sendable {
    // @unchecked: `pid` and `exitStatus` are only touched by the test task that owns the
    // process (start, wait, signal happen sequentially), never concurrently.
    public let stateDirectory: String
    public let logFile: String
    public private(set) var pid: pid_t = 0
    private var exitStatus: Int32?

    /// The console socket: `STATE/console.sock` unless the test configured another.
    public let socketPath: String

    /// Starts callsheetd. `databaseURL` nil means the embedded cluster; `httpPort` nil means
    /// no HTTP listener (tests run many daemons at once).
    public init(
        stateDirectory: String, databaseURL: String?, configYAML: String? = nil, socketPath: String? = nil, extraArguments: [String] = [], httpPort: Int? = nil
    ) throws {
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath ?? (stateDirectory as NSString).appendingPathComponent("console.sock")
        try FileManager.default.createDirectory(atPath: (stateDirectory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        logFile = stateDirectory + ".log"
        var arguments = [try Self.executable(), "--state-dir", stateDirectory] + extraArguments
        if let configYAML {
            let path = stateDirectory + ".yaml"
            try configYAML.write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["--config", path]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["CALLSHEET_DATABASE_URL"] = databaseURL ?? ""
        environment["CALLSHEET_SOCKET"] = nil
        // Many daemons run at once in tests: no HTTP listener unless a test asks for a port.
        environment["CALLSHEET_HTTP_PORT"] = httpPort.map(String.init) ?? "0"
        environment["CALLSHEET_LOG_LEVEL"] = environment["CALLSHEET_TEST_LOG_LEVEL"] ?? "info"
        pid = try ExternalProgram.spawn(arguments, environment: environment, output: logFile)
    }

    /// Waits until the socket answers `ping`; throws with the daemon's log if it exits first.
    public func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap() {
                throw ConsoleClientError("callsheetd exited with \(status) before it was ready: \(log())")
            }
            if let reply = try? await ConsoleClient.withConnection(socketPath: socketPath, { try await $0.run("ping") }), reply.isOK {
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ConsoleClientError("callsheetd did not answer within \(timeout): \(log())")
    }

    /// Sends `signal` and waits for the exit status (the exit code, or 128+signal).
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        if let exitStatus { return exitStatus }
        kill(pid, signal)
        return try await waitForExit(timeout: timeout)
    }

    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap() { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(pid, SIGKILL)
        // The daemon's own account of its last seconds says which part held the stop up.
        throw ConsoleClientError("callsheetd did not exit within \(timeout); the end of its log:\n\(log().suffix(6_000))")
    }

    public func log() -> String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    /// Resident memory of the daemon in KiB, from /proc.
    public func residentKiB() -> Int? { procStatus("VmRSS:") }

    /// The daemon's peak resident memory so far (high-water mark) in KiB.
    public func peakResidentKiB() -> Int? { procStatus("VmHWM:") }

    private func procStatus(_ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    private func reap() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let code = ExternalProgram.exitCode(fromWaitStatus: status)
        exitStatus = code
        return code
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// `callsheetd` next to the running test or benchmark binary (SwiftPM puts all products
    /// of a build in one directory).
    public static func executable() throws -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = (me as NSString).deletingLastPathComponent
        for _ in 0..<4 {
            let candidate = (directory as NSString).appendingPathComponent("callsheetd")
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        throw ConsoleClientError("callsheetd was not built next to \(me); run swift build first")
    }
}
