import Dispatch
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs an installed program (initdb, pg_ctl, runuser) to completion and captures its output.
///
/// Uses `posix_spawn` and a blocking `waitpid` on a Dispatch thread: Foundation's
/// `Process.waitUntilExit` depends on a run loop and was seen never to reap the child when
/// called from Swift concurrency on Linux. Output goes to a temporary file, not a pipe:
/// `pg_ctl start` leaves a server running that would otherwise hold the pipe open forever.
public enum ExternalProgram {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var succeeded: Bool { status == 0 }
    }

    /// Runs `executable` with `arguments`; as `asUser` via `runuser` when given; standard
    /// input from the file `input`.
    public static func run(_ executable: String, _ arguments: [String], asUser user: String? = nil, input: String = "/dev/null") throws -> Result {
        let argv: [String] =
            if let user {
                [try locate("runuser"), "-u", user, "--", executable] + arguments
            } else {
                [executable] + arguments
            }
        let outputPath = NSTemporaryDirectory() + "callsheet-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        let pid = try spawn(argv, input: input, output: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Result(status: exitCode(fromWaitStatus: status), output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// ``run(_:_:asUser:)`` off the cooperative thread pool, for async callers.
    public static func run(_ executable: String, _ arguments: [String], asUser user: String? = nil, input: String = "/dev/null") async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(executable, arguments, asUser: user, input: input) })
            }
        }
    }

    /// The absolute path of `name` from `PATH` and the usual system directories.
    public static func locate(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        for directory in directories {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw EmbeddedPostgresError("\(name) was not found in PATH")
    }
}

extension ExternalProgram {
    /// Starts `argv` with stdin from `input` and stdout+stderr written to `output`
    /// (default /dev/null); in a new session when `detached`, so it outlives its parent's
    /// process group. Returns the pid; waiting is the caller's business.
    public static func spawn(
        _ argv: [String], environment: [String: String]? = nil, input: String = "/dev/null", output: String = "/dev/null", detached: Bool = false
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no signal blocked and default dispositions: Swift's
        // threads (libdispatch workers) block signals, and a blocked mask is inherited —
        // a program spawned from one would never see SIGTERM.
        var noSignals = sigset_t(), stopSignals = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&stopSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&stopSignals, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &stopSignals)
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if detached {
            flags |= 0x80  // POSIX_SPAWN_SETSID (glibc), not exported to Swift
        }
        posix_spawnattr_setflags(&attributes, flags)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            cArguments.forEach { free($0) }
            cEnvironment?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned =
            if let cEnvironment {
                posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
            } else {
                posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
            }
        guard spawned == 0 else {
            throw EmbeddedPostgresError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Starts a watcher that must outlive (and clean up after) this process.
    public static func spawnDetached(_ argv: [String]) throws {
        _ = try spawn(argv, detached: true)
    }

    /// The exit code of a `waitpid` status, or 128 + the signal that killed the process.
    public static func exitCode(fromWaitStatus status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
