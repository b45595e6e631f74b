import CallsheetTestSupport
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import CallsheetStore

/// The pools under faults: a connection killed under a queued request, a statement past its
/// limit, a lease that cannot be had.
@Suite struct PoolFaultTests {
    static let logger = Logger(label: "callsheet.test")

    /// Waits (up to 10 s) until a backend of the test's database runs `pg_sleep` — the
    /// holder has its connection — and terminates it when asked to.
    static func awaitSleeper(through admin: Database, terminate: Bool) async throws {
        let query: PostgresQuery =
            terminate
            ? "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND datname = current_database() AND pid <> pg_backend_pid()"
            : "SELECT count(*)::int FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND datname = current_database()"
        for _ in 0..<500 {
            let found = try await admin.withConnection { connection in
                try await connection.query(query, logger: logger).collect().first?.decode(Int.self) ?? 0
            }
            if found > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no pg_sleep backend appeared")
    }

    static func terminateSleeper(through admin: Database) async throws {
        try await awaitSleeper(through: admin, terminate: true)
    }

    static func waitForSleeper(through admin: Database) async throws {
        try await awaitSleeper(through: admin, terminate: false)
    }

    /// A pool of one: the connection is held in `pg_sleep`, a second request queues behind
    /// it, the first backend is terminated. PostgresNIO 1.33's state machine strands such a
    /// request when `minimumConnections = 0` (postgres-nio issue 657). Against a real server
    /// the bare pool usually hands the queued request the dying connection instead, which
    /// then fails (in most runs here; stranded in 2 of 12), so part 1 is a known, intermittent issue rather
    /// than a proof. ``Database`` must answer the request either way: at least one
    /// connection per pool, a bounded lease, and BEGIN on a dead connection retried once.
    @Test func aRequestQueuedBehindAConnectionThatDiesIsAnswered() async throws {
        do {
            try await Self.queueBehindADyingConnection()
        } catch is StatementNeverEnded {
            // A stranded statement keeps its pools from stopping too; the test's database
            // teardown then fails by name (TestDatabase.withPool) — the same known issue.
            withKnownIssue("PostgresNIO: a statement on a connection the server terminated can wait forever", isIntermittent: true) {
                Issue.record("the queued request was never answered")
            }
        }
    }

    /// Part 2 met the PostgresNIO wait that never ends.
    struct StatementNeverEnded: Error {}

    private static func queueBehindADyingConnection() async throws {
        let strandSeen = StrandFlag()
        do {
            try await run(strandSeen: strandSeen)
        } catch {
            if strandSeen.isSet { throw StatementNeverEnded() }
            throw error
        }
    }

    final class StrandFlag: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func set() { flag.withLock { $0 = true } }
    }

    private static func run(strandSeen: StrandFlag) async throws {
        try await TestDatabase.with(migrated: false) { admin, url in
            do {
                // 1. The bare pool: the queued request is still waiting 3 s after the kill.
                // A stranded request ignores cancellation, and the pool then never finishes
                // running: neither is awaited (both are left to the end of the test process).
                var bare = url.clientConfiguration()
                bare.options.minimumConnections = 0
                bare.options.maximumConnections = 1
                let client = PostgresClient(configuration: bare, backgroundLogger: Self.logger)
                let running = Task { await client.run() }
                try await Task.sleep(for: .milliseconds(50))
                let holder = Task { try await client.withConnection { try await $0.query("SELECT pg_sleep(60)", logger: Self.logger).collect().count } }
                try await Task.sleep(for: .milliseconds(300))
                let queued = Task { try await client.withConnection { try await $0.query("SELECT 1", logger: Self.logger).collect().count } }
                try await Task.sleep(for: .milliseconds(300))
                try await Self.terminateSleeper(through: admin)
                _ = await Deadline.finished(Task { _ = await holder.result }, within: .seconds(10))
                let stranded = !(await Deadline.finished(Task { _ = await queued.result }, within: .seconds(3)))
                queued.cancel()
                running.cancel()
                withKnownIssue("postgres-nio issue 657: a request stranded for good; fixed upstream when this passes", isIntermittent: true) {
                    #expect(!stranded)
                }
            }

            // 2. Database: the same sequence is answered.
            var timeouts = DatabaseTimeouts()
            timeouts.lease = .seconds(5)
            let database = Database(url: url, maximumConnections: 3, timeouts: timeouts, logger: Self.logger)
            #expect(database.shares[.general] == 1)
            let running = Task { await database.run() }
            defer { running.cancel() }
            try await Task.sleep(for: .milliseconds(50))
            let holder = Task { try await database.withConnection { try await $0.query("SELECT pg_sleep(60)", logger: Self.logger).collect().count } }
            try await Self.waitForSleeper(through: admin)
            let started = ContinuousClock.now
            let queued = Task { try await database.withTransaction { try await $0.query("SELECT 1", logger: Self.logger).collect().count } }
            try await Task.sleep(for: .milliseconds(300))
            try await Self.terminateSleeper(through: admin)
            // Bounded waits: a step that never ends fails the test by name instead of
            // hanging the run.
            guard await Deadline.finished(Task { _ = await holder.result }, within: .seconds(30)) else {
                Issue.record("the terminated holder never returned")
                return
            }
            await #expect(throws: (any Error).self) { try await holder.value }
            guard await Deadline.finished(Task { _ = await queued.result }, within: .seconds(30)) else {
                // Seen about once in 30 runs under load: the request got the connection that
                // was being terminated and a statement on it (BEGIN, or the ROLLBACK after a
                // failed one) never completed — PostgresNIO does not fail it and does not
                // react to cancellation. Nothing in Database can end that wait; the console's
                // command deadline answers such a command ERR TIMEOUT (ConsoleSessionTests).
                strandSeen.set()
                throw StatementNeverEnded()
            }
            let rows: Int
            do { rows = try await queued.value } catch {
                Issue.record("the queued request failed: \(String(reflecting: error))")
                rows = 0
            }
            #expect(rows == 1)
            #expect(ContinuousClock.now - started < .seconds(6), "answered within the lease timeout")
            running.cancel()
            #expect(await Deadline.finished(running, within: .seconds(30)), "the pools stopped")
        }
    }

    /// Each pool starts its connections with its own statement_timeout, and a statement
    /// that runs past it is a typed timeout, not an internal error.
    @Test func statementsRunPastTheirPoolsLimitAreCancelledAsTimeouts() async throws {
        try await TestDatabase.with(migrated: false) { _, url in
            var timeouts = DatabaseTimeouts()
            timeouts.callLoopStatement = .seconds(1)
            let database = Database(url: url, maximumConnections: 4, timeouts: timeouts, logger: Self.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.run() }
                func setting(_ pool: Database.Pool) async throws -> String {
                    try await database.withConnection(pool: pool) {
                        try await $0.query("SHOW statement_timeout", logger: Self.logger).collect().first!.decode(String.self)
                    }
                }
                #expect(try await setting(.callLoop) == "1s")
                #expect(try await setting(.general) == "2min")
                #expect(try await setting(.reports) == "2min")
                do {
                    try await database.transaction(pool: .callLoop) { tx in try await tx.run("SELECT pg_sleep(3)") }
                    Issue.record("the statement was not cancelled")
                } catch let error as StoreError {
                    #expect(error.code == .timeout, "\(error)")
                }
                // An import lifts the limit for its own transaction only.
                try await database.transaction(pool: .callLoop) { tx in
                    try await tx.limitStatements(to: .zero)
                    try await tx.run("SELECT pg_sleep(1.5)")
                }
                #expect(try await setting(.callLoop) == "1s")
                group.cancelAll()
            }
        }
    }

    /// A lease that cannot be had — every connection of the pool held — ends at the
    /// deadline as a typed timeout naming the pool, while the server answers.
    @Test func aLeaseThatCannotBeHadEndsAsATimeout() async throws {
        try await TestDatabase.with(migrated: false) { admin, url in
            var timeouts = DatabaseTimeouts()
            timeouts.lease = .seconds(2)
            let database = Database(url: url, maximumConnections: 3, timeouts: timeouts, logger: Self.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.run() }
                // Under load the pool's first connection may take longer than the lease
                // timeout to open: wait until the reports pool has it.
                for _ in 0..<30 where (try? await database.withConnection(pool: .reports) { _ in 1 }) == nil {}
                // Held until the test ends it (a fixed sleep could end before the lease's
                // deadline when the machine is loaded and the wait for the sleeper is slow).
                let holder = Task { try await database.withConnection(pool: .reports) { try await $0.query("SELECT pg_sleep(60)", logger: Self.logger).collect().count } }
                try await Self.waitForSleeper(through: admin)
                do {
                    _ = try await database.withConnection(pool: .reports) { _ in 1 }
                    Issue.record("the lease did not time out")
                } catch let error as StoreError {
                    #expect(error.code == .timeout)
                    #expect(error.message.contains("reports pool"), "\(error.message)")
                }
                // The other pools are untouched by a crowd on the reports pool.
                #expect(try await database.withConnection(pool: .callLoop) { _ in 2 } == 2)
                try await Self.terminateSleeper(through: admin)
                _ = await holder.result
                group.cancelAll()
            }
        }
    }
}
