import CallsheetDomain
import Foundation
import PostgresNIO

/// The call loop's SQL: claim, record, release, agenda.
extension StoreTransaction {
    static let taskColumns = """
        t.id, t.case_id, t.campaign_id, g.name, t.client_id, t.manager_id, t.step, t.origin, t.personal, t.attempt,
        t.due_on::text, t.due_at, t.state, t.claimed_by, t.claimed_at, t.lease_until,
        (SELECT v.week FROM campaign_case k JOIN wave v ON v.id = k.wave_id WHERE k.id = t.case_id)
        """

    static func task(_ row: PostgresRow) throws -> TaskRecord {
        let (id, caseID, campaignID, campaign, clientID, managerID, step, origin, personal, attempt, dueOn, dueAt, state, claimedBy, claimedAt, leaseUntil, week) =
            try row.decode((Int, Int, Int, String, Int, Int, String, String, Bool, Int, String, Date?, String, Int?, Date?, Date?, String?).self)
        return TaskRecord(id: id, caseID: caseID, campaignID: campaignID, campaign: campaign, clientID: clientID, managerID: managerID, step: step,
                          origin: origin, personal: personal, attempt: attempt, dueOn: LocalDate(iso: dueOn)!, dueAt: dueAt, state: state,
                          claimedBy: claimedBy, claimedAt: claimedAt, leaseUntil: leaseUntil, waveWeek: week)
    }

    /// The task the manager holds under an unexpired lease, if any.
    public func heldTask(managerID: Int, now: Date) async throws -> TaskRecord? {
        try await collect("""
            SELECT \(unescaped: Self.taskColumns) FROM task t JOIN campaign g ON g.id = t.campaign_id
            WHERE t.claimed_by = \(managerID) AND t.state = 'pending' AND t.lease_until > \(now)
            ORDER BY t.claimed_at LIMIT 1
            """, Self.task).first
    }

    /// Claims the next call for the manager (order, calling hours, caps, do-not-call,
    /// re-call gap and `FOR UPDATE SKIP LOCKED` in the pick). Two picks, each one
    /// index-ordered statement that stops at the first claimable row: first personal
    /// call-backs (the manager's own, or the team's escalated ones), then the manager's
    /// follow-ups, retries and fresh entries. Returns nil when nothing is claimable;
    /// `raced` when the chosen client was taken by a concurrent claim in another campaign
    /// (the caller rolls back and tries again).
    public func claimNext(_ r: ClaimRequest) async throws -> (task: TaskRecord?, raced: Bool) {
        for pick in [Self.callbackPick, Self.queuePick] {
            let outcome = try await claim(r, pick: pick)
            if outcome.task != nil || outcome.raced { return outcome }
        }
        return (nil, false)
    }

    /// Which tasks a pick looks at and in what order (trusted SQL text, no input).
    /// The order of each pick matches an index (`task_pending_callback`, `task_queue`), so
    /// the scan stops at the first claimable row instead of sorting the whole queue.
    struct Pick {
        let personal: Bool
        let order: String
    }

    static let callbackPick = Pick(personal: true, order: "t.due_at, t.id")
    static let queuePick = Pick(personal: false, order: "t.manager_id, (CASE t.origin WHEN 'wave' THEN 1 ELSE 0 END), t.due_on, t.due_at, t.id")

    private func claim(_ r: ClaimRequest, pick: Pick) async throws -> (task: TaskRecord?, raced: Bool) {
        let personal = pick.personal
        let rows = try await collect("""
            WITH candidate AS (
                SELECT t.id FROM task t
                JOIN campaign g ON g.id = t.campaign_id
                JOIN client c ON c.id = t.client_id
                JOIN campaign_client a ON a.campaign_id = t.campaign_id AND a.client_id = t.client_id
                CROSS JOIN LATERAL (SELECT (\(r.now)::timestamptz AT TIME ZONE coalesce(c.time_zone, \(r.defaultZone))) AS local) z
                WHERE t.state = 'pending'
                  AND ((\(personal) AND t.personal AND t.due_at <= \(r.now)
                        AND (t.manager_id = \(r.managerID)
                             OR (t.due_at < \(r.escalateBefore) AND t.manager_id IN (SELECT id FROM manager WHERE administrator_id = \(r.teamID)))))
                       OR (NOT \(personal) AND NOT t.personal AND t.manager_id = \(r.managerID)))
                  AND (\(r.campaignID)::bigint IS NULL OR t.campaign_id = \(r.campaignID))
                  AND g.state = 'active'
                  AND (t.lease_until IS NULL OR t.lease_until < \(r.now))
                  AND (t.due_at IS NULL OR t.due_at <= \(r.now))
                  AND t.due_on <= z.local::date
                  AND extract(isodow FROM z.local)::smallint = ANY(g.working_days)
                  AND NOT (z.local::date = ANY(g.holidays || \(r.globalHolidays)::date[]))
                  AND extract(hour FROM z.local) * 60 + extract(minute FROM z.local) >= g.calling_start
                  AND extract(hour FROM z.local) * 60 + extract(minute FROM z.local) < g.calling_end
                  AND a.calls_total < g.lifetime_cap
                  AND (a.calls_day IS DISTINCT FROM z.local::date OR a.calls_today < g.daily_cap)
                  AND NOT EXISTS (SELECT 1 FROM client_contact x WHERE x.client_id = t.client_id AND x.last_call_at > \(r.gapStart))
                  AND NOT EXISTS (SELECT 1 FROM dnc_listing d WHERE d.client_id = t.client_id AND (d.campaign_id IS NULL OR d.campaign_id = t.campaign_id))
                  AND NOT EXISTS (SELECT 1 FROM client_phone p JOIN dnc_listing d ON d.phone_e164 = p.e164
                                  WHERE p.client_id = t.client_id AND (d.campaign_id IS NULL OR d.campaign_id = t.campaign_id))
                ORDER BY \(unescaped: pick.order)
                LIMIT 1
                FOR UPDATE OF t SKIP LOCKED
            ), claimed AS (
                UPDATE task t SET claimed_by = \(r.managerID), claimed_at = \(r.now), lease_until = \(r.leaseUntil)
                FROM candidate WHERE t.id = candidate.id
                RETURNING t.id, t.client_id
            ), guard AS (
                INSERT INTO client_contact (client_id, last_call_at) SELECT client_id, \(r.now) FROM claimed
                ON CONFLICT (client_id) DO UPDATE SET last_call_at = EXCLUDED.last_call_at
                WHERE client_contact.last_call_at <= \(r.gapStart)
                RETURNING client_id
            )
            SELECT claimed.id, (SELECT count(*)::int FROM guard) FROM claimed
            """) { try $0.decode((Int, Int).self) }
        guard let (taskID, guarded) = rows.first else { return (nil, false) }
        guard guarded == 1 else { return (nil, true) }
        return (try await task(taskID), false)
    }

    public func task(_ id: Int, forUpdate: Bool = false) async throws -> TaskRecord? {
        if forUpdate { try await run("SELECT id FROM task WHERE id = \(id) FOR UPDATE") }
        return try await collect("""
            SELECT \(unescaped: Self.taskColumns) FROM task t JOIN campaign g ON g.id = t.campaign_id WHERE t.id = \(id)
            """, Self.task).first
    }

    /// The call already recorded under `requestID`, for idempotent retries.
    public func callByRequest(_ requestID: String) async throws -> (taskID: Int, outcome: String)? {
        try await collect("SELECT task_id, outcome FROM call WHERE request_id = \(requestID)") { row in
            let (task, outcome) = try row.decode((Int, String).self)
            return (taskID: task, outcome: outcome)
        }.first
    }

    /// Gives a claimed task back without an outcome.
    public func releaseTask(_ id: Int) async throws {
        try await run("UPDATE task SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL WHERE id = \(id)")
    }

    /// Leases that ran out go back to the queue; returns how many.
    public func sweepExpiredLeases(now: Date) async throws -> Int {
        try await collect("""
            UPDATE task SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL
            WHERE state = 'pending' AND claimed_by IS NOT NULL AND lease_until < \(now) RETURNING id
            """) { _ in 1 }.count
    }
}

extension PostgresQuery.StringInterpolation {
    /// Splices trusted SQL text (a constant column list), never user input.
    mutating func appendInterpolation(unescaped sql: String) {
        appendLiteral(sql)
    }
}

extension StoreTransaction {
    /// The earliest due time among the manager's pending, unleased tasks.
    public func nextDue(managerID: Int, after now: Date) async throws -> Date? {
        try await collect("""
            SELECT min(coalesce(due_at, due_on::timestamptz)) FROM task
            WHERE manager_id = \(managerID) AND state = 'pending' AND (lease_until IS NULL OR lease_until < \(now))
            """) { try $0.decode(Date?.self) }.first ?? nil
    }
}
