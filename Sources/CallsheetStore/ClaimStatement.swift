public import CallsheetDomain
import Foundation
import PostgresNIO

/// The claim (docs/domain.md#next-call) as one prepared statement, so `next` costs one round trip and no
/// planning: resolve the manager by login, return the call they still hold if any, else
/// lock the first claimable personal call-back, else the first claimable entry of their
/// queue, set the re-call guard and take the lease — atomically, without a transaction
/// around it.
///
/// The queue pick walks `task_queue` in claim order and checks a row's client, campaign,
/// caps and do-not-call listings in a correlated scalar subquery (per-row index lookups the
/// planner cannot turn into a hash join), so the scan stops at the first claimable row
/// instead of joining and sorting the whole queue (`EXPLAIN ANALYZE` of both shapes in
/// BENCHMARKS.md). Tasks due after today's date in every client's zone (`client_zone`, and
/// the default zone) are skipped inside the index: follow-ups booked for later days sort
/// before today's wave entries, and each used to cost a full check (300 of them made a claim
/// 3× slower).
///
/// The re-call guard stamps every number of the chosen client in `phone_contact` with
/// `ON CONFLICT … WHERE last_call_at <= gap start`, which re-checks the newest committed
/// stamp: two claims that reach one number at once — through one card or two cards sharing
/// it — cannot both pass, and the one that loses claims nothing (`raced`; the service tries
/// again). If only some of a client's numbers pass, the ones stamped stay stamped: such a
/// number waits out the gap although it was not rung, erring on the quiet side.
///
/// The call-back pick gathers the manager's own due call-backs and the team's escalated
/// ones (and the team's due ones booked "for my team", schema 25) through `task_pending_own_callback` (manager, due) — a few dozen at most, bounded
/// by `calls.max_open_callbacks` — instead of walking every due call-back of the
/// organisation in due order (2,000 of other teams' call-backs made each claim read them all).
struct ClaimStatement: PostgresPreparedStatement {
    /// The zone to read a client's local time in: `column`, or `fallback` when it is NULL, or
    /// NULL when the client's zone is not usable (schema 14) — `AT TIME ZONE NULL` is NULL,
    /// so every test of the row is NULL and the row is skipped instead of failing the claim.
    static func usableZone(_ column: String, default fallback: String) -> String {
        "CASE WHEN \(column) IS NULL THEN \(fallback) WHEN (SELECT u.usable FROM client_zone u WHERE u.time_zone = \(column)) THEN \(column) END"
    }

    /// Whether a row of `task t` may be called now: campaign active, inside the client's
    /// calling hours and working days (in the client's zone if usable, else `$7`), no holiday (the
    /// campaign's or the global ones in `$8`), under the attempt caps, outside the re-call
    /// gap (`$5`), on no do-not-call list that applies. NULL (= no) when a row is missing.
    static let claimable = """
        (SELECT g.state = 'active'
                AND t.due_on <= z.local::date
                AND extract(isodow FROM z.local)::smallint = ANY(g.working_days)
                AND NOT (z.local::date = ANY(g.holidays || $8::date[]))
                AND extract(hour FROM z.local) * 60 + extract(minute FROM z.local) >= g.calling_start
                AND extract(hour FROM z.local) * 60 + extract(minute FROM z.local) < g.calling_end
                AND a.calls_total < g.lifetime_cap
                AND (a.calls_day IS DISTINCT FROM z.local::date OR a.calls_today < g.daily_cap)
                AND NOT EXISTS (SELECT 1 FROM client_phone q JOIN phone_contact x ON x.e164 = q.e164
                                WHERE q.client_id = t.client_id AND x.last_call_at > $5)
                AND NOT EXISTS (SELECT 1 FROM dnc_listing d WHERE d.client_id = t.client_id AND (d.campaign_id IS NULL OR d.campaign_id = t.campaign_id))
                AND NOT EXISTS (SELECT 1 FROM client_phone p JOIN dnc_listing d ON d.phone_e164 = p.e164
                                WHERE p.client_id = t.client_id AND (d.campaign_id IS NULL OR d.campaign_id = t.campaign_id))
         FROM campaign g, client c, campaign_client a,
              LATERAL (SELECT ($3 AT TIME ZONE \(usableZone("c.time_zone", default: "$7"))) AS local) z
         WHERE g.id = t.campaign_id AND c.id = t.client_id AND a.campaign_id = t.campaign_id AND a.client_id = t.client_id)
        """

    /// $1 login, $2 campaign id or NULL, $3 now, $4 lease end, $5 re-call gap start,
    /// $6 escalation threshold, $7 default zone, $8 global holidays.
    static let sql = """
        WITH me AS (
            SELECT m.id, m.administrator_id FROM manager m WHERE m.login = $1 AND m.active
        ), held AS (
            SELECT t.id FROM task t
            WHERE t.claimed_by = (SELECT id FROM me) AND t.state = 'pending' AND t.lease_until > $3
            ORDER BY t.claimed_at LIMIT 1
        ), callback AS (
            SELECT t.id, t.client_id FROM task t
            WHERE NOT EXISTS (SELECT 1 FROM held)
              AND t.id IN (SELECT o.id FROM task o
                           WHERE o.state = 'pending' AND o.personal AND o.manager_id = (SELECT id FROM me) AND o.due_at <= $3
                           UNION ALL
                           SELECT e.id FROM task e
                           WHERE e.state = 'pending' AND e.personal AND (e.due_at < $6 OR (e.for_team AND e.due_at <= $3)) AND e.manager_id <> (SELECT id FROM me)
                             AND e.manager_id IN (SELECT id FROM manager WHERE administrator_id = (SELECT administrator_id FROM me)))
              AND t.state = 'pending' AND t.personal AND t.due_at <= $3
              AND ($2::bigint IS NULL OR t.campaign_id = $2)
              AND (t.lease_until IS NULL OR t.lease_until < $3)
              AND \(claimable)
            ORDER BY t.due_at, t.id
            LIMIT 1 FOR UPDATE OF t SKIP LOCKED
        ), queue AS (
            SELECT t.id, t.client_id FROM task t
            WHERE NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM callback)
              AND t.state = 'pending' AND NOT t.personal AND t.manager_id = (SELECT id FROM me)
              AND t.due_on <= (SELECT max(z.today) FROM (SELECT ($3 AT TIME ZONE time_zone)::date AS today FROM client_zone WHERE usable
                                                     UNION ALL SELECT ($3 AT TIME ZONE $7)::date) z)
              AND ($2::bigint IS NULL OR t.campaign_id = $2)
              AND (t.lease_until IS NULL OR t.lease_until < $3)
              AND (t.due_at IS NULL OR t.due_at <= $3)
              AND \(claimable)
            ORDER BY t.manager_id, (CASE t.origin WHEN 'wave' THEN 1 ELSE 0 END), t.due_on, t.due_at, t.id
            LIMIT 1 FOR UPDATE OF t SKIP LOCKED
        ), candidate AS (
            SELECT * FROM callback UNION ALL SELECT * FROM queue
        ), numbers AS (
            SELECT DISTINCT p.e164 FROM candidate JOIN client_phone p ON p.client_id = candidate.client_id
        ), guard AS (
            INSERT INTO phone_contact (e164, last_call_at) SELECT e164, $3 FROM numbers ORDER BY e164
            ON CONFLICT (e164) DO UPDATE SET last_call_at = EXCLUDED.last_call_at
            WHERE phone_contact.last_call_at <= $5
            RETURNING e164
        ), claimed AS (
            UPDATE task t SET claimed_by = (SELECT id FROM me), claimed_at = $3, lease_until = $4
            FROM candidate
            WHERE t.id = candidate.id AND (SELECT count(*) FROM guard) = (SELECT count(*) FROM numbers)
            RETURNING t.id
        )
        SELECT (SELECT id FROM me), EXISTS (SELECT 1 FROM held), EXISTS (SELECT 1 FROM candidate), sheet.*
        FROM (SELECT 1) AS one LEFT JOIN LATERAL (
            \(CallSheetQuery.select(taskID: "coalesce((SELECT id FROM held), (SELECT id FROM claimed))"))
        ) AS sheet ON true
        """

    static let bindingDataTypes: [PostgresDataType] = [.text, .int8, .timestamptz, .timestamptz, .timestamptz, .timestamptz, .text, .textArray]

    typealias Row = (managerID: Int?, resumed: Bool, found: Bool, sheet: CallSheetQuery.Row?)

    var request: ClaimRequest

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        bindings.append(request.login)
        bindings.append(request.campaignID)
        bindings.append(request.now)
        bindings.append(request.leaseUntil)
        bindings.append(request.gapStart)
        bindings.append(request.escalateBefore)
        bindings.append(request.defaultZone)
        bindings.append(request.globalHolidays)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (manager, resumed, found, task) = try row.decode((Int?, Bool, Bool, Int?).self)
        let sheet = task == nil ? nil : try CallSheetQuery.sheet(PostgresRandomAccessRow(row), at: 3)
        return (manager, resumed, found, sheet)
    }
}

/// What one claim statement did.
public struct ClaimResult: Sendable {
    /// Nil when the login is no active manager (nothing was claimed).
    public var managerID: Int?
    /// The claimed call, or the one the manager still held; nil when nothing is claimable.
    public var sheet: CallSheetRecord?
    /// True when `sheet` is the call the manager already held.
    public var resumed: Bool
    /// True when the chosen client was just taken by a concurrent claim in another
    /// campaign (the re-call guard refused); nothing was claimed, try again.
    public var raced: Bool
}

extension StoreTransaction {
    /// Claims the next call for `request.login` (see ``ClaimStatement``).
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let row = try await execute(ClaimStatement(request: request))[0]
        var result = ClaimResult(managerID: row.managerID, resumed: row.resumed, raced: row.found && row.sheet == nil && !row.resumed)
        if var sheet = row.sheet {
            if !row.resumed {
                sheet.task.claimedBy = row.managerID
                sheet.task.claimedAt = request.now
                sheet.task.leaseUntil = request.leaseUntil
            }
            result.sheet = try await callSheet(sheet)
        }
        return result
    }
}
