public import CallsheetDomain
import Foundation
import PostgresNIO

/// One `call_rollup` sum: a manager's calls at one step with one outcome in a campaign.
public struct RollupTally: Sendable, Equatable {
    public var campaignID: Int
    public var manager: String
    public var step: String
    public var outcome: String
    public var calls: Int
    /// Exact decimal text (`1500.00`).
    public var amount: String
    public var handlingSeconds: Double
    /// The day, when asked for by day.
    public var day: LocalDate?
}

/// A manager as reports list them: team, whether active, cases on their lists in scope.
public struct ReportManager: Sendable, Equatable {
    public var login: String
    public var team: String
    public var active: Bool
    public var listSize: Int
}

/// Report queries: they read the rollups (`call_rollup`), never the whole call history.
extension StoreTransaction {
    /// Rollup sums per campaign, manager, step and outcome for days `from` through `through`.
    /// With a client segment or tag the sums come from the call history instead (the
    /// rollup has no client dimension): exact, but it reads every call of those days.
    public func rollupTallies(
        campaignID: Int?, from: LocalDate, through: LocalDate, team: String?, manager: String?,
        segment: String? = nil, tag: String? = nil, zone: String = "UTC", byDay: Bool = false
    ) async throws -> [RollupTally] {
        let transform: (PostgresRow) throws -> RollupTally = { row in
            let (campaign, login, step, outcome, calls, amount, handling, day) = try row.decode((Int, String, String, String, Int, String, Double, String?).self)
            return RollupTally(
                campaignID: campaign, manager: login, step: step, outcome: outcome, calls: calls, amount: amount, handlingSeconds: handling,
                day: try day.map(Self.day))
        }
        if segment != nil || tag != nil {
            return try await collect(
                """
                SELECT r.campaign_id, m.login, r.step, r.outcome, count(*)::int, coalesce(sum(r.amount), 0)::text,
                       sum(extract(epoch FROM r.finished_at - r.claimed_at))::float8,
                       CASE WHEN \(byDay) THEN (r.finished_at AT TIME ZONE \(zone))::date::text END
                FROM call r JOIN manager m ON m.id = r.manager_id JOIN administrator a ON a.id = m.administrator_id
                JOIN client c ON c.id = r.client_id
                WHERE r.finished_at >= (\(from.description)::date)::timestamp AT TIME ZONE \(zone)
                  AND r.finished_at < (\(through.description)::date + 1)::timestamp AT TIME ZONE \(zone)
                  AND (\(campaignID)::bigint IS NULL OR r.campaign_id = \(campaignID))
                  AND (\(team)::text IS NULL OR a.login = \(team)) AND (\(manager)::text IS NULL OR m.login = \(manager))
                  AND (\(segment)::text IS NULL OR c.segment = \(segment)) AND (\(tag)::text IS NULL OR \(tag) = ANY(c.tags))
                GROUP BY 1, 2, 3, 4, 8
                ORDER BY 2, 3, 4
                """, transform)
        }
        return try await collect(
            """
            SELECT r.campaign_id, m.login, r.step, r.outcome, sum(r.calls)::int, sum(r.amount)::text, sum(r.handling_seconds),
                   CASE WHEN \(byDay) THEN r.day::text END
            FROM call_rollup r JOIN manager m ON m.id = r.manager_id JOIN administrator a ON a.id = m.administrator_id
            WHERE r.day BETWEEN \(from.description)::date AND \(through.description)::date
              AND (\(campaignID)::bigint IS NULL OR r.campaign_id = \(campaignID))
              AND (\(team)::text IS NULL OR a.login = \(team)) AND (\(manager)::text IS NULL OR m.login = \(manager))
            GROUP BY 1, 2, 3, 4, 8
            ORDER BY 2, 3, 4
            """, transform)
    }

    /// Managers matching the filters with the cases on their lists in waves of `weeks`
    /// (ISO weeks, `2026-W48`).
    public func reportManagers(
        campaignID: Int?, weeks: [String], team: String?, manager: String?, segment: String? = nil, tag: String? = nil
    ) async throws -> [ReportManager] {
        try await collect(
            """
            SELECT m.login, a.login, m.active, coalesce(l.size, 0)
            FROM manager m JOIN administrator a ON a.id = m.administrator_id
            LEFT JOIN (SELECT w.manager_id, sum(w.cases)::int AS size FROM wave_list w JOIN wave v ON v.id = w.wave_id
                       WHERE \(segment)::text IS NULL AND \(tag)::text IS NULL
                         AND v.week = ANY(\(weeks)::text[]) AND (\(campaignID)::bigint IS NULL OR v.campaign_id = \(campaignID))
                       GROUP BY w.manager_id
                       UNION ALL
                       SELECT k.manager_id, count(*)::int FROM campaign_case k JOIN wave v ON v.id = k.wave_id
                       WHERE (\(segment)::text IS NOT NULL OR \(tag)::text IS NOT NULL)
                         AND v.week = ANY(\(weeks)::text[]) AND (\(campaignID)::bigint IS NULL OR v.campaign_id = \(campaignID))
                         AND k.client_id IN (SELECT id FROM client WHERE (\(segment)::text IS NULL OR segment = \(segment))
                                                                   AND (\(tag)::text IS NULL OR \(tag) = ANY(tags)))
                       GROUP BY k.manager_id) l ON l.manager_id = m.id
            WHERE (\(team)::text IS NULL OR a.login = \(team)) AND (\(manager)::text IS NULL OR m.login = \(manager))
            ORDER BY m.login
            """
        ) { row in
            let (login, team, active, size) = try row.decode((String, String, Bool, Int).self)
            return ReportManager(login: login, team: team, active: active, listSize: size)
        }
    }

    /// Recomputes `call_rollup` from the call history (days in `zone`) and replaces it;
    /// returns how many rollup rows there are now and how many differed from what the
    /// outcomes had maintained (0 when the incremental rollup was right), and likewise how
    /// many cases' first call / first reach (`campaign_case`), list sizes (`wave_list`) and done tasks' day
    /// (`task.closed_on`, in `zone`) differed and were corrected. Outcomes wait while it
    /// runs (the table is locked), so nothing is counted twice or missed.
    public func rebuildCallRollup(zone: String) async throws -> RollupRebuild {
        try await run("LOCK TABLE call_rollup IN EXCLUSIVE MODE")
        try await run(
            """
            CREATE TEMP TABLE fresh_rollup ON COMMIT DROP AS
            SELECT campaign_id, (finished_at AT TIME ZONE \(zone))::date AS day, manager_id, step, outcome, count(*)::int AS calls,
                   coalesce(sum(amount), 0)::numeric(16, 2) AS amount, sum(extract(epoch FROM finished_at - claimed_at))::float8 AS handling_seconds
            FROM call GROUP BY 1, 2, 3, 4, 5
            """)
        let differing = try await collect(
            """
            SELECT count(*)::int FROM fresh_rollup f FULL JOIN call_rollup r USING (campaign_id, day, manager_id, step, outcome)
            WHERE f.calls IS DISTINCT FROM r.calls OR f.amount IS DISTINCT FROM r.amount
               OR f.handling_seconds IS NULL OR r.handling_seconds IS NULL OR abs(f.handling_seconds - r.handling_seconds) > 0.01
            """
        ) { try $0.decode(Int.self) }[0]
        try await run("DELETE FROM call_rollup")
        let rows = try await collect(
            """
            WITH copied AS (
                INSERT INTO call_rollup (campaign_id, day, manager_id, step, outcome, calls, amount, handling_seconds)
                SELECT campaign_id, day, manager_id, step, outcome, calls, amount, handling_seconds FROM fresh_rollup RETURNING 1
            ) SELECT count(*)::int FROM copied
            """
        ) { try $0.decode(Int.self) }[0]
        // The funnel's first call and first reach per case, from the same history.
        let cases = try await collect(
            """
            WITH fixed AS (
                UPDATE campaign_case k SET called_at = f.first_call, reached_at = f.first_reach
                FROM (SELECT case_id, min(finished_at) AS first_call, min(finished_at) FILTER (WHERE outcome <> 'no-answer') AS first_reach
                      FROM call GROUP BY case_id) f
                WHERE k.id = f.case_id AND (k.called_at IS DISTINCT FROM f.first_call OR k.reached_at IS DISTINCT FROM f.first_reach)
                RETURNING 1
            ) SELECT count(*)::int FROM fixed
            """
        ) { try $0.decode(Int.self) }[0]
        // List sizes per wave and manager, from the cases.
        try await run(
            """
            CREATE TEMP TABLE fresh_list ON COMMIT DROP AS
            SELECT wave_id, manager_id, count(*)::int AS cases FROM campaign_case WHERE wave_id IS NOT NULL GROUP BY 1, 2
            """)
        let lists = try await collect(
            """
            SELECT count(*)::int FROM fresh_list f FULL JOIN wave_list l USING (wave_id, manager_id)
            WHERE coalesce(f.cases, 0) <> coalesce(l.cases, 0)
            """
        ) { try $0.decode(Int.self) }[0]
        if lists > 0 {
            try await run("DELETE FROM wave_list")
            try await run("INSERT INTO wave_list (wave_id, manager_id, cases) SELECT wave_id, manager_id, cases FROM fresh_list")
        }
        // The day each task was done, in the calendar zone (late tasks are found by it).
        let tasks = try await collect(
            """
            WITH fixed AS (
                UPDATE task SET closed_on = (closed_at AT TIME ZONE \(zone))::date
                WHERE state = 'done' AND closed_on IS DISTINCT FROM (closed_at AT TIME ZONE \(zone))::date
                RETURNING 1
            ) SELECT count(*)::int FROM fixed
            """
        ) { try $0.decode(Int.self) }[0]
        return RollupRebuild(rows: rows, differing: differing, casesDiffering: cases, listsDiffering: lists, tasksDiffering: tasks)
    }
}
