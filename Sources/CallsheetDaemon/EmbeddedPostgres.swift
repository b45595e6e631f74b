public import CallsheetStore
import Foundation
public import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster that callsheetd (or the test suite) starts, re-uses and stops.
///
/// Layout under `home` (normally `STATE_DIR/postgres`): `data/` (PGDATA), the server's
/// Unix socket `.s.PGSQL.PORT`, `postgres.log`, and `callsheet.conf` (rewritten at every
/// start so that the socket directory follows the state directory). The cluster listens
/// on no TCP address; its socket directory is mode 0700, so only its owner and root can
/// connect, which is why local `trust` authentication is safe here.
///
/// PostgreSQL refuses to run as root: when callsheetd is root the cluster runs as
/// `os_user` (default `postgres`), and if that user cannot reach `home` (a checkout under
/// `/root`, mode 0700) the cluster is placed under `/var/lib/callsheet/clusters/` and
/// linked from `home`, with a warning naming both.
public struct EmbeddedPostgres: Sendable {
    public struct Options: Sendable {
        /// Where the cluster should live (`STATE_DIR/postgres`).
        public var home: String
        public var binaries: PostgresBinaries
        public var osUser: String
        public var port: Int
        public var serverSettings: [String: String]
        /// False for throwaway clusters: no fsync, no synchronous commit (tests, benchmarks).
        public var durable: Bool
        public var fallbackParent: String

        public init(
            home: String, binaries: PostgresBinaries, osUser: String = "postgres", port: Int = 5432,
            serverSettings: [String: String] = [:], durable: Bool = true,
            fallbackParent: String = "/var/lib/callsheet/clusters"
        ) {
            self.home = home
            self.binaries = binaries
            self.osUser = osUser
            self.port = port
            self.serverSettings = serverSettings
            self.durable = durable
            self.fallbackParent = fallbackParent
        }
    }

    public enum StartKind: String, Sendable {
        /// `initdb` ran: a brand-new cluster.
        case initialized
        /// An existing cluster was started.
        case started
        /// The cluster was already running (left by a daemon that was killed) and is re-used.
        case adopted
    }

    /// The superuser and database Callsheet uses inside its own cluster.
    public static let userName = "callsheet"
    public static let databaseName = "callsheet"

    public let options: Options
    /// The real directory of the cluster (after any fallback; symlinks resolved).
    public let home: String
    let owner: ClusterOwner

    public var dataDirectory: String { (home as NSString).appendingPathComponent("data") }
    public var logFile: String { (home as NSString).appendingPathComponent("postgres.log") }
    public var socketFile: String { (home as NSString).appendingPathComponent(".s.PGSQL.\(options.port)") }

    /// Where to connect: the cluster's socket, as the `callsheet` superuser.
    public func url(database: String = EmbeddedPostgres.databaseName) -> DatabaseURL {
        DatabaseURL(endpoint: .unixSocket(path: socketFile), username: Self.userName, database: database, tls: .disable)
    }

    /// Chooses and creates the cluster directory; runs nothing yet.
    public init(options: Options, logger: Logger) throws {
        self.options = options
        self.owner = try ClusterOwner.forCurrentProcess(osUser: options.osUser)
        self.home = try ClusterHome.prepare(requested: options.home, owner: owner, fallbackParent: options.fallbackParent, logger: logger)
        let socketLength = socketFile.utf8.count
        guard socketLength <= 107 else {
            throw EmbeddedPostgresError("the cluster's socket path \(socketFile) is \(socketLength) bytes, over the 107-byte limit of Unix sockets; use a shorter --state-dir")
        }
    }

    /// Initialises the cluster if needed, starts it (or adopts a running one) and makes
    /// sure the `callsheet` database exists.
    @discardableResult
    public func start(logger: Logger) async throws -> StartKind {
        var kind = StartKind.started
        if !isInitialized {
            try await initialize(logger: logger)
            kind = .initialized
        }
        try writeSettings()
        let status = try await pgCtl(["status", "-D", dataDirectory])
        if status.succeeded {
            logger.notice("re-using the running embedded PostgreSQL", metadata: ["data": "\(dataDirectory)"])
            kind = .adopted
        } else {
            let started = try await pgCtl(["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-s"])
            guard started.succeeded else {
                throw EmbeddedPostgresError("PostgreSQL did not start (\(started.output)); its log \(logFile) says: \(logTail())")
            }
        }
        try await DatabaseBootstrap.ensureDatabase(Self.databaseName, at: url(database: "postgres"), logger: logger)
        logger.info("embedded PostgreSQL is up", metadata: ["data": "\(dataDirectory)", "how": "\(kind.rawValue)"])
        return kind
    }

    /// Starts the stopped cluster again after its postmaster died: PostgreSQL replays its
    /// write-ahead log (crash recovery) before it takes connections, which `-w` waits for.
    public func restart(logger: Logger) async throws {
        try writeSettings()
        let started = try await pgCtl(["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-s"])
        guard started.succeeded else {
            throw EmbeddedPostgresError("PostgreSQL did not start again (\(started.output)); its log \(logFile) says: \(logTail())")
        }
    }

    /// Whether the postmaster named in `postmaster.pid` is alive — checked without running
    /// a program (the supervisor asks twice a second).
    public func postmasterIsAlive() -> Bool {
        let lockFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOfFile: lockFile, encoding: .utf8),
            let first = text.split(separator: "\n").first, let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0
        else {
            return false
        }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A dead child of ours that nobody reaped still answers kill(0): look at its state.
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"), stat.index(close, offsetBy: 2) < stat.endIndex
        {
            return stat[stat.index(close, offsetBy: 2)] != "Z"
        }
        return true
    }

    /// Stops the cluster: `fast` ends sessions and keeps committed work; `immediate` is a
    /// crash on purpose (tests of recovery), replayed from the log at the next start.
    public func stop(logger: Logger, mode: String = "fast") async {
        do {
            let result = try await pgCtl(["stop", "-D", dataDirectory, "-m", mode, "-w", "-t", "60", "-s"])
            if result.succeeded {
                logger.info("embedded PostgreSQL stopped", metadata: ["data": "\(dataDirectory)"])
            } else {
                logger.warning("stopping the embedded PostgreSQL failed", metadata: ["output": "\(result.output)"])
            }
        } catch {
            logger.warning("stopping the embedded PostgreSQL failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Internals

    private var initializedMarker: String { (home as NSString).appendingPathComponent("initialized") }

    private var isInitialized: Bool {
        FileManager.default.fileExists(atPath: initializedMarker)
    }

    private func initialize(logger: Logger) async throws {
        if FileManager.default.fileExists(atPath: dataDirectory) || (try? FileManager.default.destinationOfSymbolicLink(atPath: dataDirectory)) != nil {
            try setAsideInterruptedInitialization(logger: logger)
        }
        var arguments = ["-D", dataDirectory, "-U", Self.userName, "--auth=trust", "-E", "UTF8", "--no-locale"]
        if !options.durable { arguments.append("--no-sync") }
        logger.info("creating the embedded PostgreSQL cluster", metadata: ["data": "\(dataDirectory)"])
        let result = try await ExternalProgram.run(options.binaries.initdb, arguments, asUser: owner.runAs)
        guard result.succeeded else {
            throw EmbeddedPostgresError("initdb failed for \(dataDirectory): \(result.output)")
        }
        let conf = (dataDirectory as NSString).appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: conf))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n# Written by callsheetd: socket, port and tuning, rewritten at every start.\ninclude_if_exists = '../callsheet.conf'\n".utf8))
        try handle.close()
        try owner.createOwnedFile(initializedMarker, contents: "initialized by callsheetd \(Date())\n")
    }

    /// A `data/` without the `initialized` marker is never deleted. When it is the cluster
    /// owner's own directory without `global/pg_control` — the remains of an `initdb` that
    /// was interrupted — it is renamed aside (`data.interrupted-TIME`) and initdb runs
    /// again; anything else (a cluster callsheetd did not make, another account's files, a
    /// symbolic link) stops start-up with a message.
    private func setAsideInterruptedInitialization(logger: Logger) throws {
        var info = stat()
        let isOurDirectory = lstat(dataDirectory, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == owner.uid
        let hasControlFile = FileManager.default.fileExists(atPath: (dataDirectory as NSString).appendingPathComponent("global/pg_control"))
        guard isOurDirectory, !hasControlFile else {
            throw EmbeddedPostgresError(
                "\(dataDirectory) exists but callsheetd did not create it (no \(initializedMarker)); it is left as it is. Move it away, or point --state-dir at another directory")
        }
        let aside = dataDirectory + ".interrupted-\(Int(Date().timeIntervalSince1970))"
        guard rename(dataDirectory, aside) == 0 else {
            throw EmbeddedPostgresError("cannot move the remains of an interrupted initdb \(dataDirectory) aside: \(String(cString: strerror(errno)))")
        }
        logger.warning("an interrupted first start left a partial cluster; it was moved aside and the cluster is created again", metadata: ["moved_to": "\(aside)"])
    }

    private func writeSettings() throws {
        var settings: [(String, String)] = [
            ("listen_addresses", "''"),
            ("port", String(options.port)),
            ("unix_socket_directories", quoted(home)),
            ("unix_socket_permissions", "0700"),
        ]
        if !options.durable {
            settings += [("fsync", "off"), ("synchronous_commit", "off"), ("full_page_writes", "off"), ("max_connections", "800")]
        }
        settings += options.serverSettings.sorted { $0.key < $1.key }.map { ($0.key, quoted($0.value)) }
        let text = settings.map { "\($0.0) = \($0.1)" }.joined(separator: "\n") + "\n"
        try owner.createOwnedFile((home as NSString).appendingPathComponent("callsheet.conf"), contents: text)
    }

    private func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    private func pgCtl(_ arguments: [String]) async throws -> ExternalProgram.Result {
        try await ExternalProgram.run(options.binaries.pgCtl, arguments, asUser: owner.runAs)
    }

    private func logTail() -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "(no log)"
        return text.split(separator: "\n").suffix(5).joined(separator: " | ")
    }
}
