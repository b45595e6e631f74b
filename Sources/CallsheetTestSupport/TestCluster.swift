public import CallsheetDaemon
public import CallsheetStore
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// One throwaway PostgreSQL cluster per test process, started on first use.
///
/// It reuses the daemon's own ``EmbeddedPostgres`` launcher (non-durable: no fsync), lives
/// in `/tmp/callsheet-test-PID`, and is torn down by a watcher process that waits for the
/// test process to exit — however it exits, crashes and failed tests included — then
/// stops the cluster and deletes the directory.
public actor TestCluster {
    public static let shared = TestCluster()

    private var cluster: EmbeddedPostgres?
    private var startup: Task<EmbeddedPostgres, any Error>?
    private let logger = Logger(label: "callsheet.test-cluster")

    /// The running cluster, started on first call.
    public func embedded() async throws -> EmbeddedPostgres {
        if let cluster { return cluster }
        if let startup { return try await startup.value }
        let task = Task { try await self.start() }
        startup = task
        let started = try await task.value
        cluster = started
        return started
    }

    private func start() async throws -> EmbeddedPostgres {
        let home = "/tmp/callsheet-test-\(getpid())"
        try? FileManager.default.removeItem(atPath: home)
        let binaries = try await Self.binariesInstallingIfMissing()
        let started = try EmbeddedPostgres(
            options: .init(
                home: home, binaries: binaries, serverSettings: ["shared_buffers": "256MB"], durable: false
            ), logger: logger)
        try await started.start(logger: logger)
        try startWatcher(for: started, binaries: binaries)
        return started
    }

    /// The server programs; on a fresh Debian machine where they are missing and we are
    /// root, `apt-get install -y postgresql` first, so `swift test` works from a clean clone.
    static func binariesInstallingIfMissing() async throws -> PostgresBinaries {
        if let found = try? PostgresBinaries.locate(configured: nil) { return found }
        guard geteuid() == 0, let aptGet = try? ExternalProgram.locate("apt-get") else {
            return try PostgresBinaries.locate(configured: nil)
        }
        FileHandle.standardError.write(Data("PostgreSQL server programs missing: apt-get install -y postgresql\n".utf8))
        _ = try await ExternalProgram.run(aptGet, ["update", "-qq"])
        let install = try await ExternalProgram.run("/usr/bin/env", ["DEBIAN_FRONTEND=noninteractive", aptGet, "install", "-y", "-qq", "postgresql"])
        guard install.succeeded else {
            throw EmbeddedPostgresError("apt-get install -y postgresql failed: \(install.output)")
        }
        return try PostgresBinaries.locate(configured: nil)
    }

    /// Creates a fresh, empty database and returns its URL.
    public func freshDatabase() async throws -> DatabaseURL {
        let cluster = try await embedded()
        let name = "t_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try await DatabaseBootstrap.ensureDatabase(name, at: cluster.url(), logger: logger)
        return cluster.url(database: name)
    }

    public func drop(_ url: DatabaseURL) async {
        guard let cluster else { return }
        do {
            try await DatabaseBootstrap.dropDatabase(url.database, at: cluster.url(), logger: logger)
        } catch {
            logger.error("DROP DATABASE of a test database failed", metadata: ["database": "\(url.database)", "error": "\(String(reflecting: error))"])
        }
    }

    private func startWatcher(for cluster: EmbeddedPostgres, binaries: PostgresBinaries) throws {
        let runAs = geteuid() == 0 ? "runuser -u \(cluster.options.osUser) -- " : ""
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(runAs)'\(binaries.pgCtl)' stop -D '\(cluster.dataDirectory)' -m immediate -w >/dev/null 2>&1
            rm -rf '\(cluster.home)'
            """
        try ExternalProgram.spawnDetached(["/bin/sh", "-c", script])
    }
}

/// A fresh database on the shared test cluster, with its pool running, for one test.
public enum TestDatabase {
    /// Runs `body` with a migrated (unless `migrated: false`) fresh database; drops it after.
    public static func with<R: Sendable>(
        migrated: Bool = true, _ body: @Sendable (Database, DatabaseURL) async throws -> R
    ) async throws -> R {
        let url = try await TestCluster.shared.freshDatabase()
        do {
            let result = try await withPool(url: url) { database in
                if migrated { _ = try await SchemaMigrator().migrate(database, logger: Logger(label: "callsheet.test")) }
                return try await body(database, url)
            }
            await TestCluster.shared.drop(url)
            return result
        } catch {
            await TestCluster.shared.drop(url)
            throw error
        }
    }

    /// Runs `body` with a running connection pool on `url` (any database, e.g. a daemon's).
    public static func withPool<R: Sendable>(
        url: DatabaseURL, _ body: @Sendable (Database) async throws -> R
    ) async throws -> R {
        let database = Database(url: url, maximumConnections: 80, timeouts: testTimeouts, logger: Logger(label: "callsheet.test"))
        let pool = Task { await database.run() }
        let result: R
        do {
            // Let the pools start before the first lease (PostgresClient warns otherwise).
            try await Task.sleep(for: .milliseconds(5))
            result = try await body(database)
        } catch {
            try await stop(pool, of: url)
            throw error
        }
        try await stop(pool, of: url)
        return result
    }

    /// Behaviour tests run in parallel on two cores: waits that production bounds tightly
    /// (a lease, a call-loop statement) may last long here without being a fault. Tests of
    /// the limits themselves make their own `Database`.
    public static let testTimeouts: DatabaseTimeouts = {
        var timeouts = DatabaseTimeouts()
        timeouts.lease = .seconds(120)
        timeouts.callLoopStatement = .seconds(120)
        return timeouts
    }()

    /// Ends a test's pool within 30 s or fails the test naming it — a teardown that hangs
    /// would hang the whole run instead.
    static func stop(_ pool: Task<Void, Never>, of url: DatabaseURL) async throws {
        pool.cancel()
        guard await Deadline.finished(pool, within: .seconds(30)) else {
            throw EmbeddedPostgresError("the connection pool of test database \(url.database) did not stop within 30 s")
        }
    }
}

/// Waiting for a task with a limit, without being held by it.
public enum Deadline {
    /// True when `task` finished within `timeout`; false when the time ran out first (the
    /// task goes on, unobserved).
    public static func finished(_ task: Task<Void, Never>, within timeout: Duration) async -> Bool {
        let (answers, answer) = AsyncStream<Bool>.makeStream()
        let waiter = Task {
            await task.value
            answer.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            answer.yield(false)
        }
        var iterator = answers.makeAsyncIterator()
        let finished = await iterator.next() ?? false
        timer.cancel()
        answer.finish()
        withExtendedLifetime(waiter) {}
        return finished
    }
}
