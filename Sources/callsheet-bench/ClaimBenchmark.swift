import ArgumentParser
import CallsheetClient
import CallsheetDaemon
import CallsheetTestSupport
import Foundation
import Histogram

/// `callsheet-bench claim`: claim-and-complete pairs per second and their latency through
/// the console socket (`next` then `outcome`, one connection per manager), beside pgbench
/// `-M prepared` running the bare claim-then-complete statements of `../shared/bounds/`
/// on a bare queue of the same size, in the same cluster, in the same run.
struct ClaimBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Call-loop throughput and latency against pgbench.")

    @Option(help: "Pending tasks (one client each), spread over --managers.")
    var tasks = 1_000_000

    @Option(help: "Managers owning the tasks.")
    var managers = 1000

    @Option(parsing: .upToNextOption, help: "Concurrent managers (connections) to measure.")
    var concurrency = [1, 8, 32, 64]

    @Option(help: "Seconds per measurement.")
    var seconds = 10

    @Option(help: "Workflow files (the repository's Config/workflows when run from the checkout).")
    var workflows = "Config/workflows"

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-claim"

    @Flag(help: "Leave the cluster in the scratch directory (for EXPLAIN); the daemon is stopped.")
    var keep = false

    @Option(
        help:
            "The outcome each manager records: refused closes the case; agreed books an invoice call for the next day (the queue then holds later-day follow-ups, as in a real week)."
    )
    var outcome = "refused"

    @Option(name: .customLong("server-setting"), help: "A postgresql.conf setting for the run, KEY=VALUE (repeatable), to try tuning.")
    var serverSettings: [String] = []

    func run() async throws {
        guard concurrency.reduce(0, +) <= managers else { throw ValidationError("--concurrency levels together need at most --managers managers") }
        try freshScratchDirectory(scratch)
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let workflowsPath = URL(fileURLWithPath: workflows).standardizedFileURL.path
        let config =
            "workflows_dir: \(workflowsPath)\ncalls:\n  min_gap_minutes: 0\ndatabase:\n  max_connections: 40\nconsole:\n  max_connections_per_uid: 200\n"
            + (try serverSettingsYAML(serverSettings))
        try await BenchDaemon.with(scratch: scratch, configYAML: config) { bench in
            try await measure(bench)
        }
    }

    private func measure(_ bench: BenchDaemon) async throws {
        let daemon = bench.daemon
        // Local functions, not `bench.sql` as a value: a function value loses @discardableResult.
        @discardableResult func sql(_ text: String) async throws -> Double { try await bench.sql(text) }
        @discardableResult func console(_ line: String) async throws -> (ConsoleReply, Double) { try await bench.console(line) }
        let bin = bench.binDirectory
        // Set-up (not timed): managers, clients, one campaign open all day every day, one
        // pending first-step task per client, spread over the managers the levels use (the
        // rest of the team has empty lists), so no measured manager runs dry in a level.
        let busy = concurrency.reduce(0, +)
        try await bench.seedCallQueue(tasks: tasks, managers: managers, busyManagers: busy)
        // The bound's tables (../shared/bounds/queue_setup.sql); the queue is rebuilt before each level.
        try await sql(
            """
            CREATE TABLE tasks (id bigserial PRIMARY KEY, manager_id int, due_at timestamptz, state text, claimed_by int, claimed_at timestamptz);
            CREATE TABLE outcomes (id bigserial PRIMARY KEY, task_id bigint NOT NULL, manager_id int NOT NULL, outcome text NOT NULL, at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX tasks_pending_mgr_due ON tasks (manager_id, due_at) WHERE state = 'pending';
            """)
        // Warm-up (not timed): a few seconds of the call loop, then the VACUUM ANALYZE below.
        // Without it the statistics say `call` and `phone_contact` are empty, every
        // connection caches plans that scan them sequentially, and each claim reads the whole
        // growing history until autovacuum happens to analyze them (up to a minute later) —
        // a start-up state, not the steady one a call centre with call history runs in.
        _ = try await ClaimLoop.console(socket: daemon.socketPath, managers: Array(1...min(8, busy)), outcome: outcome, for: .seconds(3))
        let rebuildBoundQueue = """
            TRUNCATE tasks, outcomes;
            INSERT INTO tasks (manager_id, due_at, state) SELECT 1 + (g % \(managers)), now() - random() * interval '30 days', 'pending' FROM generate_series(1, \(tasks)) g;
            """
        try await sql("VACUUM ANALYZE")
        try await sql("CHECKPOINT")
        let script = scratch + "/claim_then_complete_2tx.sql"
        try """
        \\set m random(1, \(managers))
        \\set o random(1, 10)
        WITH c AS (UPDATE tasks SET state='claimed', claimed_by=:m, claimed_at=now() WHERE id = (SELECT id FROM tasks WHERE state='pending' AND manager_id=:m AND due_at<=now() ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id) SELECT coalesce((SELECT id FROM c), 0) AS task_id \\gset
        BEGIN;
        INSERT INTO outcomes(task_id, manager_id, outcome) VALUES (:task_id, :m, 'outcome_' || :o);
        UPDATE tasks SET state='done' WHERE id = :task_id;
        COMMIT;

        """.write(toFile: script, atomically: true, encoding: .utf8)

        print("callsheet-bench claim — \(tasks) pending tasks over \(managers) managers, \(seconds) s per measurement, outcome \(outcome)")
        print("| managers | pgbench -M prepared (bound) pairs/s | p50 / p99 ms | callsheet next+outcome pairs/s | p50 / p99 ms | ratio | p99 ratio |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        var firstManager = 1
        for clients in concurrency {
            try await sql(rebuildBoundQueue)
            try await sql("VACUUM ANALYZE tasks")
            try await sql("CHECKPOINT")
            let bound = try await pgbench(bin: bin, connection: bench.connectionArguments, script: script, clients: clients)
            // Each level works fresh managers, so no manager's list runs dry across levels.
            let ours = try await ClaimLoop.console(
                socket: daemon.socketPath, managers: Array(firstManager..<(firstManager + clients)), outcome: outcome, for: .seconds(seconds))
            firstManager += clients
            print(
                "| \(clients) | \(Int(bound.rate)) | \(ClaimLoop.ms(bound.p50)) / \(ClaimLoop.ms(bound.p99)) | \(Int(ours.rate)) | \(ClaimLoop.ms(ours.p50)) / \(ClaimLoop.ms(ours.p99)) | "
                    + "\(String(format: "%.2f", ours.rate / bound.rate)) | \(String(format: "%.2f", Double(ours.p99) / Double(max(bound.p99, 1)))) |")
        }
        print("daemon peak RSS \((daemon.peakResidentKiB() ?? 0) / 1024) MiB")
    }

    /// pgbench on the bare queue; latencies from its per-transaction log. (pgbench's `-d`
    /// means debug: the database is its last, positional argument.)
    private func pgbench(bin: String, connection: [String], script: String, clients: Int) async throws -> ClaimLoop.Figures {
        let logPrefix = scratch + "/pgb\(clients)"
        // A fixed number of transactions (-t) timed here: -T did not end runs reliably on
        // this machine. About --seconds worth at the bound's rate seen here (~3,000 pairs/s).
        let perClient = max(50, 3000 * seconds / clients)
        let start = ContinuousClock.now
        let result = try await ExternalProgram.run(
            bin + "/pgbench",
            [
                "-n", "-M", "prepared", "-f", script, "-c", "\(clients)", "-j", "\(min(2, clients))",
                "-t", "\(perClient)", "--log", "--log-prefix=\(logPrefix)",
            ] + connection + ["callsheet"])
        let elapsed = (ContinuousClock.now - start).seconds
        guard result.succeeded else {
            throw ValidationError("pgbench failed: \(result.output.split(separator: "\n").filter { $0.contains("error") }.joined(separator: "; "))")
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for name in try FileManager.default.contentsOfDirectory(atPath: scratch) where name.hasPrefix("pgb\(clients).") {
            let text = try String(contentsOfFile: scratch + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count > 2, let micros = UInt64(fields[2]) { histogram.record(micros) }
            }
        }
        return ClaimLoop.Figures(rate: Double(histogram.totalCount) / elapsed, p50: histogram.valueAtPercentile(50), p99: histogram.valueAtPercentile(99))
    }
}
