public import CallsheetDomain
public import Foundation
import PostgresNIO

/// The call loop's SQL: claim, record, release, agenda.
extension StoreTransaction {
    static let taskColumns = """
        t.id, t.case_id, t.campaign_id, g.name, t.client_id, t.manager_id, t.step, t.origin, t.personal, t.attempt,
        t.due_on::text, t.due_at, t.state, t.claimed_by, t.claimed_at, t.lease_until,
        (SELECT v.week FROM campaign_case k JOIN wave v ON v.id = k.wave_id WHERE k.id = t.case_id)
        """
    /// How many columns ``taskColumns`` selects (statements that add columns read them after these).
    static let taskColumnCount = 17

    static func task(_ row: PostgresRow) throws -> TaskRecord {
        try task(PostgresRandomAccessRow(row), at: 0)
    }

    /// The task whose ``taskColumns`` start at column `offset`.
    static func task(_ cells: PostgresRandomAccessRow, at offset: Int) throws -> TaskRecord {
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
            try cells[offset + index].decode(T.self, context: .default)
        }
        return TaskRecord(
            id: try cell(0, Int.self), caseID: try cell(1, Int.self), campaignID: try cell(2, Int.self), campaign: try cell(3, String.self),
            clientID: try cell(4, Int.self), managerID: try cell(5, Int.self), step: try cell(6, String.self), origin: try cell(7, String.self),
            personal: try cell(8, Bool.self), attempt: try cell(9, Int.self), dueOn: LocalDate(iso: try cell(10, String.self))!,
            dueAt: try cell(11, Date?.self), state: try .stored(try cell(12, String.self)), claimedBy: try cell(13, Int?.self),
            claimedAt: try cell(14, Date?.self), leaseUntil: try cell(15, Date?.self), waveWeek: try cell(16, String?.self))
    }

    public func task(_ id: Int, forUpdate: Bool = false) async throws -> TaskRecord? {
        if forUpdate { try await run("SELECT id FROM task WHERE id = \(id) FOR UPDATE") }
        return try await collect(
            """
            SELECT \(unescaped: Self.taskColumns) FROM task t JOIN campaign g ON g.id = t.campaign_id WHERE t.id = \(id)
            """, Self.task
        ).first
    }

    /// The call `managerID` already recorded under `requestID`, for idempotent retries
    /// (request ids are the manager's own: schema 15).
    public func callByRequest(_ requestID: String, managerID: Int) async throws -> (taskID: Int, outcome: String)? {
        try await collect("SELECT task_id, outcome FROM call WHERE manager_id = \(managerID) AND request_id = \(requestID)") { row in
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
        try await collect(
            """
            UPDATE task SET claimed_by = NULL, claimed_at = NULL, lease_until = NULL
            WHERE state = 'pending' AND claimed_by IS NOT NULL AND lease_until < \(now) RETURNING id
            """
        ) { _ in 1 }.count
    }
}

extension StoreTransaction {
    /// When the manager's next call can be claimed, for `next` with nothing to call: the
    /// earliest instant, from `now` on, at which one of their pending, unleased tasks of an
    /// active campaign is due and inside its campaign's calling hours on a working day that
    /// is no holiday (in the client's zone, else `defaultZone`; a client whose zone is not
    /// usable is left out, as the claim skips it), counting the daily cap
    /// (reached today: tomorrow) and leaving out tasks whose client has reached the
    /// lifetime cap. A due task outside calling hours therefore says when the window opens,
    /// not when it fell due, and a client one of whose numbers was just called says when the
    /// re-call gap ends (`minimumGapSeconds` after that call). Nil: no such task, or none
    /// with an open window within 31 days of its due day (or today).
    /// The rules are `ClaimStatement.claimable`'s, asked "when" instead of "now": change
    /// them together.
    public func nextDue(managerID: Int, after now: Date, defaultZone: String, globalHolidays: [String], minimumGapSeconds: Int = 0) async throws -> Date? {
        try await collect(
            """
            SELECT min(o.opens) FROM task t
            JOIN campaign g ON g.id = t.campaign_id AND g.state = 'active'
            JOIN client c ON c.id = t.client_id
            JOIN campaign_client a ON a.campaign_id = t.campaign_id AND a.client_id = t.client_id AND a.calls_total < g.lifetime_cap
            CROSS JOIN LATERAL (SELECT \(usableZoneOf: "c.time_zone", else: defaultZone) AS zone) z
            CROSS JOIN LATERAL (SELECT (\(now)::timestamptz AT TIME ZONE z.zone)::date AS today) l
            CROSS JOIN LATERAL (
                SELECT max(x.last_call_at) + make_interval(secs => \(minimumGapSeconds)) AS ends
                FROM client_phone q JOIN phone_contact x ON x.e164 = q.e164 WHERE q.client_id = t.client_id
            ) gap
            CROSS JOIN LATERAL (
                SELECT w.opens
                FROM generate_series(greatest(l.today, t.due_on)::timestamp, greatest(l.today, t.due_on)::timestamp + interval '31 days',
                                     interval '1 day') AS d(day)
                CROSS JOIN LATERAL (
                    SELECT greatest(\(now)::timestamptz, t.due_at, gap.ends, (d.day + make_interval(mins => g.calling_start)) AT TIME ZONE z.zone) AS opens,
                           (d.day + make_interval(mins => g.calling_end)) AT TIME ZONE z.zone AS closes
                ) w
                WHERE extract(isodow FROM d.day)::smallint = ANY(g.working_days)
                  AND NOT (d.day::date = ANY(g.holidays || \(globalHolidays)::date[]))
                  AND NOT (d.day::date = l.today AND a.calls_day = l.today AND a.calls_today >= g.daily_cap)
                  AND w.opens < w.closes
                ORDER BY d.day LIMIT 1
            ) o
            WHERE t.manager_id = \(managerID) AND t.state = 'pending' AND (t.lease_until IS NULL OR t.lease_until < \(now))
            """
        ) { try $0.decode(Date?.self) }.first ?? nil
    }
}
