import ArgumentParser
import CallsheetClient
import CallsheetDaemon
import CallsheetDomain
import CallsheetTestSupport
import Foundation

/// `callsheet-bench reports`: `report managers` and `report funnel` through the console
/// socket over generated history (10M calls and their tasks, 8 weekly waves, 1,000 managers), for the last
/// week and for all eight; median of 5 runs each. Beside them, in the same cluster, the
/// bound's plain GROUP BY over one week of the call history (what a report reading the
/// history instead of the rollups would cost at least), and `report rebuild` (recomputing
/// the rollups from all calls).
struct ReportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports", abstract: "Report times over generated history.")

    @Option(help: "Finished calls in the history.")
    var calls = 10_000_000

    @Option(help: "Weekly waves (the history's weeks).")
    var weeks = 8

    @Option(help: "Managers; each gets --list clients per wave.")
    var managers = 1000

    @Option(help: "Clients per manager per wave.")
    var list = 100

    @Option(help: "Runs per report (the median is printed).")
    var runs = 5

    @Option(help: "Workflow files (the repository's Config/workflows when run from the checkout).")
    var workflows = "Config/workflows"

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-reports"

    @Flag(help: "Leave the cluster in the scratch directory (for EXPLAIN); the daemon is stopped.")
    var keep = false

    func run() async throws {
        try freshScratchDirectory(scratch)
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let workflowsPath = URL(fileURLWithPath: workflows).standardizedFileURL.path
        try await BenchDaemon.with(scratch: scratch, configYAML: "workflows_dir: \(workflowsPath)\ncalendar:\n  time_zone: UTC\n") { bench in
            try await measure(bench)
        }
    }

    private func measure(_ bench: BenchDaemon) async throws {
        // Local functions, not `bench.sql` as a value: a function value loses @discardableResult.
        @discardableResult func sql(_ text: String) async throws -> Double { try await bench.sql(text) }
        @discardableResult func console(_ line: String) async throws -> (ConsoleReply, Double) { try await bench.console(line) }
        let clients = managers * list
        let today = LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400))
        let first = ISOWeek(containing: today.adding(days: -7 * weeks))
        let waves = (0..<weeks).map { ISOWeek(containing: first.monday.adding(days: 7 * $0)) }
        let last = waves[weeks - 1]
        let cases = clients * weeks
        print("callsheet-bench reports — \(calls) calls, \(weeks) weeks (\(waves[0])…\(last)), \(managers) managers, \(cases) cases; median of \(runs)")

        // Set-up (not timed): team, clients, campaign, waves, cases, calls; then the rollup
        // is rebuilt from the calls through the console (timed: the rebuild's figure).
        var setup = ContinuousClock.now
        try await bench.seedTeam(managers: managers, capacity: list, clients: clients)
        try await console("campaign create bench --workflow seminar-weekly --admin ewa --calling-hours 00:00-24:00")
        try await sql("INSERT INTO campaign_client (campaign_id, client_id) SELECT 1, id FROM client")
        for wave in waves {
            try await sql(
                """
                INSERT INTO wave (campaign_id, week, starts_on, opened_by, assigned, skipped, managers, moved)
                VALUES (1, '\(wave)', '\(wave.monday)', 'bench', \(clients), 0, \(managers), 0)
                """)
        }
        // Case w·clients + c is client c's case in wave w; how far it got is spread by a hash;
        // only the last wave's cases can still be open (one open case per client and campaign).
        try await sql(
            """
            INSERT INTO campaign_case (campaign_id, client_id, wave_id, manager_id, step, state, furthest, opened_at, offer_status, close_reason)
            SELECT 1, c, w, 1 + c % \(managers), (ARRAY['offer','invoice','payment','venue','feedback'])[1 + f],
                   CASE WHEN h BETWEEN 25 AND 59 THEN 'lost' WHEN h >= 95 THEN 'won' WHEN w < \(weeks) THEN 'unreachable' ELSE 'open' END,
                   f, v.starts_on, CASE WHEN h BETWEEN 25 AND 59 THEN 'rejected' WHEN h >= 60 THEN 'accepted' END,
                   CASE WHEN h BETWEEN 25 AND 59 THEN 'refused' END
            FROM generate_series(1, \(weeks)) w JOIN wave v ON v.id = w, generate_series(1, \(clients)) c,
                 LATERAL (SELECT (c * 7919 + w * 104729) % 100 AS h) x,
                 LATERAL (SELECT CASE WHEN h < 60 THEN 0 ELSE least(4, 1 + (h - 60) / 8) END::smallint AS f) y
            """)
        // Calls in time order over each week's Monday–Friday, each on a case of that week.
        let perWeek = calls / weeks
        try await sql(
            """
            SET session_replication_role = replica;
            INSERT INTO call (task_id, case_id, campaign_id, client_id, manager_id, step, attempt, claimed_at, finished_at, outcome, amount)
            SELECT q.k, q.k, 1, p.c, 1 + p.c % \(managers), s.step, 1, q.t - make_interval(secs => 60 + g % 240), q.t, s.outcome, s.amount
            FROM generate_series(0::bigint, \(perWeek * weeks - 1)) g,
                 LATERAL (SELECT g / \(perWeek) AS w, 1 + (g * 7919) % \(clients) AS c) p,
                 LATERAL (SELECT p.w * \(clients) + p.c AS k,
                                 ('\(first.monday)'::date + (p.w * 7)::int)::timestamptz + interval '8 hours'
                                     + (g % \(perWeek))::float8 / \(perWeek) * interval '4 days 10 hours' AS t) q,
                 LATERAL (SELECT (ARRAY['offer','offer','offer','offer','offer','offer','offer','invoice','invoice','payment','payment','venue','feedback','offer','offer','offer'])[1 + g % 16] AS step,
                                 (ARRAY['no-answer','no-answer','no-answer','refused','agreed','callback','no-answer','invoiced','no-answer','paid','not-paid','informed','liked','refused','no-answer','agreed'])[1 + g % 16] AS outcome,
                                 CASE WHEN g % 16 IN (7, 9) THEN 1500.00 END AS amount) s
            """)
        // The tasks those calls did: one each, due the day it was done except every 20th,
        // done 1–3 days after its due day; and each still open case of the last wave has
        // an open task due on a day of that week — all now overdue (the late column's work).
        try await sql(
            """
            SET session_replication_role = replica;
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on, state, created_at, closed_at, closed_on)
            SELECT case_id, campaign_id, client_id, manager_id, step, 'call',
                   finished_at::date - (CASE WHEN id % 20 = 0 THEN 1 + (id / 20) % 3 ELSE 0 END)::int, 'done', claimed_at, finished_at,
                   finished_at::date
            FROM call;
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on, state, created_at)
            SELECT k.id, 1, k.client_id, k.manager_id, k.step, 'call', v.starts_on + (k.id % 5)::int, 'pending', k.opened_at
            FROM campaign_case k JOIN wave v ON v.id = k.wave_id WHERE k.state = 'open'
            """)
        try await sql("VACUUM ANALYZE")
        print(String(format: "set-up (not measured): %.0f s", (ContinuousClock.now - setup).seconds))
        setup = ContinuousClock.now
        let (rebuilt, rebuildSeconds) = try await console("report rebuild")
        try await sql("VACUUM ANALYZE")
        try await sql("CHECKPOINT")
        print(String(format: "report rebuild (all %d calls → rollup, and every case's first call/reach): %.1f s — %@", calls, rebuildSeconds, rebuilt.status))

        // The bound: one week's plain GROUP BY over the history, as ../shared/bounds/report_q.sql.
        let boundSQL = """
            SELECT manager_id, outcome, count(*) FROM call
            WHERE finished_at >= '\(last.monday)' AND finished_at < '\(last.monday.adding(days: 7))' GROUP BY manager_id, outcome
            """
        var bound: [Double] = []
        for _ in 0..<runs { bound.append(try await sql(boundSQL)) }

        let span = "--from \(waves[0].monday) --to \(last.monday.adding(days: 6))"
        let reports: [(String, String)] = [
            ("report managers, 1 week", "report managers --campaign bench --week \(last)"),
            ("report managers, \(weeks) weeks", "report managers --campaign bench \(span)"),
            ("report funnel, 1 week", "report funnel --campaign bench --week \(last)"),
            ("report funnel, \(weeks) weeks", "report funnel --campaign bench \(span)"),
            ("report funnel --by manager, \(weeks) weeks", "report funnel --campaign bench \(span) --by manager"),
            ("report late --totals, 1 week", "report late --campaign bench --week \(last) --totals"),
        ]
        print("| measurement | median | runs (ms) |")
        print("| --- | --- | --- |")
        print("| bound: plain GROUP BY manager, outcome over one week of `call` (psql, incl. its start) | \(ms(median(bound))) | \(bound.map(ms).joined(separator: ", ")) |")
        for (label, line) in reports {
            var times: [Double] = []
            for _ in 0..<runs { times.append(try await console(line).1) }
            print("| \(label): `\(line)` | \(ms(median(times))) | \(times.map(ms).joined(separator: ", ")) |")
        }
        print("daemon peak RSS \((bench.daemon.peakResidentKiB() ?? 0) / 1024) MiB")
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
}
