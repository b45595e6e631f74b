import ArgumentParser
import CallsheetClient
import CallsheetDaemon
import CallsheetDomain
import CallsheetTestSupport
import Foundation

/// `callsheet-bench wave`: opening one wave of N clients across M managers through the
/// console, beside one `INSERT … SELECT` writing the same number of case and task rows
/// into bare copies of those tables (same columns and indexes, no foreign keys) in the
/// same cluster; and the daemon's peak RSS.
struct WaveBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wave", abstract: "Weekly wave opening time and daemon memory.")

    @Option(help: "Clients in the campaign's audience.")
    var clients = 1_000_000

    @Option(help: "Active managers in the team (capacity: clients / managers each).")
    var managers = 1000

    @Option(help: "Workflow files (the repository's Config/workflows when run from the checkout).")
    var workflows = "Config/workflows"

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-wave"

    @Flag(help: "Leave the daemon's cluster in the scratch directory for EXPLAIN (the daemon is stopped).")
    var keep = false

    func run() async throws {
        try freshScratchDirectory(scratch)
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let workflowsPath = URL(fileURLWithPath: workflows).standardizedFileURL.path
        try await BenchDaemon.with(scratch: scratch, configYAML: "workflows_dir: \(workflowsPath)\n") { bench in
            try await measure(bench)
        }
    }

    private func measure(_ bench: BenchDaemon) async throws {
        let daemon = bench.daemon
        // Local functions, not `bench.sql` as a value: a function value loses @discardableResult.
        @discardableResult func sql(_ text: String) async throws -> Double { try await bench.sql(text) }
        @discardableResult func console(_ line: String) async throws -> (ConsoleReply, Double) { try await bench.console(line) }
        // Set-up (not measured): the team, the clients with a phone each, the campaign and its audience.
        let capacity = (clients + managers - 1) / managers
        try await bench.seedTeam(managers: managers, capacity: capacity, clients: clients)
        _ = try await console("campaign create bench --workflow seminar-weekly --admin ewa")
        let (_, audienceSeconds) = try await console("campaign add-clients bench --all")
        _ = try await sql("VACUUM ANALYZE")

        // The bound: one INSERT … SELECT of as many case and task rows into bare copies.
        _ = try await sql("CREATE TABLE bound_case (LIKE campaign_case INCLUDING ALL); CREATE TABLE bound_task (LIKE task INCLUDING ALL)")
        let boundSeconds = try await sql(
            """
            WITH c AS (
                INSERT INTO bound_case (campaign_id, client_id, manager_id, step)
                SELECT 1, client_id, 1 + client_id % \(managers), 'offer' FROM campaign_client RETURNING id, client_id, manager_id
            )
            INSERT INTO bound_task (case_id, campaign_id, client_id, manager_id, step, kind, due_on)
            SELECT id, 1, client_id, manager_id, 'offer', 'call', current_date FROM c
            """)

        let week = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400) + 7))
        let (plan, planSeconds) = try await console("wave open bench --week \(week) --dry-run")
        let rssBefore = daemon.residentKiB() ?? 0
        let (opened, openSeconds) = try await console("wave open bench --week \(week)")
        let peak = daemon.peakResidentKiB() ?? 0

        print("callsheet-bench wave — \(clients) clients, \(managers) managers (capacity \(capacity) each)")
        print("| measurement | time |")
        print("| --- | --- |")
        print("| INSERT … SELECT of \(clients) case + \(clients) task rows into bare copies (bound) | \(String(format: "%.2f s", boundSeconds)) |")
        print("| wave open --dry-run (plan only) | \(String(format: "%.2f s", planSeconds)) |")
        print("| wave open (plan + write, one transaction) | \(String(format: "%.2f s", openSeconds)) |")
        print("| campaign add-clients --all (set-up, for reference) | \(String(format: "%.2f s", audienceSeconds)) |")
        print("wave/bound ratio \(String(format: "%.2f", openSeconds / boundSeconds)); daemon RSS before \(rssBefore / 1024) MiB, peak \(peak / 1024) MiB")
        print("dry run: \(plan.status)")
        print("answer: \(opened.status)")
    }
}
