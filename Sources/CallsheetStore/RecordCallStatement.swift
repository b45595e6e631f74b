import CallsheetDomain
import Foundation
import PostgresNIO

/// Every write of a finished call (docs/domain.md#outcomes) in one prepared statement: the task is done, the
/// call joins the history and the report rollup (`call_rollup`), the client's attempt
/// counters and re-call guard move, the case advances or closes (cancelling its other
/// pending tasks) and keeps how far it got (first call, first reach, furthest step, offer
/// status — written only when one changes), and the next task is created.
/// Each write hangs off `done`, so when the task is no longer the manager's pending claim
/// nothing at all is written.
struct RecordCallStatement: PostgresPreparedStatement {
    static let sql = """
        WITH done AS (
            UPDATE task SET state = 'done', closed_at = $3, closed_on = $14::date, claimed_by = NULL, lease_until = NULL
            WHERE id = $1 AND state = 'pending' AND claimed_by = $2
            RETURNING id, case_id, campaign_id, client_id, step, attempt, claimed_at, kind
        ), logged AS (
            INSERT INTO call (task_id, case_id, campaign_id, client_id, manager_id, step, attempt, claimed_at, finished_at,
                              outcome, note, amount, reason, quality, next_step, next_due, request_id, actor_uid, actor_name)
            SELECT d.id, d.case_id, d.campaign_id, d.client_id, $2, d.step, d.attempt, coalesce(d.claimed_at, $3), $3,
                   $4, $5, $6::numeric, $7, $8, $9, $10::date, $11, $12, $13
            FROM done d
            RETURNING id
        ), rolled AS (
            INSERT INTO call_rollup AS r (campaign_id, day, manager_id, step, outcome, calls, amount, handling_seconds)
            SELECT d.campaign_id, $14::date, $2, d.step, $4, 1, coalesce($6::numeric, 0), extract(epoch FROM $3 - coalesce(d.claimed_at, $3))
            FROM done d
            ON CONFLICT (campaign_id, day, manager_id, step, outcome) DO UPDATE
            SET calls = r.calls + 1, amount = r.amount + EXCLUDED.amount, handling_seconds = r.handling_seconds + EXCLUDED.handling_seconds
            RETURNING 1
        ), counted AS (
            -- The daily cap counts in the client's own day, the day the claim checks.
            UPDATE campaign_client a SET calls_total = a.calls_total + 1,
                   calls_today = CASE WHEN a.calls_day = l.day THEN a.calls_today + 1 ELSE 1 END, calls_day = l.day
            FROM done d, client c, LATERAL (SELECT ($3 AT TIME ZONE \(ClaimStatement.usableZone("c.time_zone", default: "$29")))::date AS day) l
            WHERE a.campaign_id = d.campaign_id AND a.client_id = d.client_id AND c.id = d.client_id
            RETURNING a.client_id
        ), contact AS (
            -- Every number of the client, in one order for every writer (no lock-order deadlocks).
            INSERT INTO phone_contact (e164, last_call_at)
            SELECT DISTINCT p.e164, $3::timestamptz FROM done d JOIN client_phone p ON p.client_id = d.client_id ORDER BY p.e164
            ON CONFLICT (e164) DO UPDATE SET last_call_at = greatest(phone_contact.last_call_at, EXCLUDED.last_call_at)
            RETURNING e164
        ), moved AS (
            UPDATE campaign_case k SET step = coalesce($15, k.step),
                   state = CASE WHEN $16::text IS NULL OR k.state <> 'open' THEN k.state ELSE $16 END,
                   closed_at = CASE WHEN $16::text IS NULL OR k.state <> 'open' THEN k.closed_at ELSE $3 END,
                   close_reason = CASE WHEN $16::text IS NULL OR k.state <> 'open' THEN k.close_reason ELSE $17 END,
                   called_at = coalesce(k.called_at, $3),
                   reached_at = CASE WHEN $26 THEN coalesce(k.reached_at, $3) ELSE k.reached_at END,
                   furthest = greatest(k.furthest, coalesce($27::smallint, 0)),
                   offer_status = coalesce($28, k.offer_status)
            FROM done d WHERE k.id = d.case_id
              AND ($15::text IS NOT NULL OR ($16::text IS NOT NULL AND k.state = 'open') OR k.called_at IS NULL
                   OR ($26 AND k.reached_at IS NULL) OR $28::text IS NOT NULL)
            RETURNING k.id
        ), cancelled AS (
            UPDATE task o SET state = 'cancelled', closed_at = $3
            FROM done d WHERE $16::text IS NOT NULL AND o.case_id = d.case_id AND o.state = 'pending' AND o.id <> d.id
            RETURNING o.id
        ), created AS (
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on, due_at, attempt, origin, personal, for_team, created_at)
            SELECT d.case_id, d.campaign_id, d.client_id, coalesce($18, k.manager_id), $19, coalesce($20, d.kind), $21::date, $22,
                   $23::int, $24, $25, coalesce($30, false), $3
            FROM done d JOIN campaign_case k ON k.id = d.case_id
            WHERE $19::text IS NOT NULL
            RETURNING id
        )
        SELECT (SELECT id FROM done), (SELECT id FROM created)
        """

    static let bindingDataTypes: [PostgresDataType] = [
        .int8, .int8, .timestamptz, .text, .text, .text, .text, .text, .text, .text, .text, .int8, .text, .text,
        .text, .text, .text, .int8, .text, .text, .text, .timestamptz, .int8, .text, .bool, .bool, .int8, .text, .text, .bool,
    ]

    typealias Row = (done: Int?, created: Int?)

    /// The task to create after the call (none when the case closes).
    struct NextTask {
        var step: String
        var kind: String?
        var origin: String
        var attempt: Int
        var personal: Bool
        /// A call-back the manager's team may take as soon as it is due (schema 25).
        var forTeam = false
        /// Nil: the case's manager.
        var managerID: Int?
        var dueOn: LocalDate
        var dueAt: Date?
    }

    var task: TaskRecord
    var managerID: Int
    var call: RecordedCall
    var actor: ActingUser
    var advanceTo: String?
    var close: (state: String, reason: String?)?
    var next: NextTask?

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 30)
        b.append(task.id)
        b.append(managerID)
        b.append(call.finishedAt)
        b.append(call.outcome)
        b.append(call.note)
        b.append(call.amount)
        b.append(call.reason)
        b.append(call.quality)
        b.append(next?.step)
        b.append(next?.dueOn.description)
        b.append(call.requestID)
        b.append(Int(actor.uid))
        b.append(actor.name)
        b.append(call.finishedOn.description)
        b.append(advanceTo)
        b.append(close?.state)
        b.append(close?.reason)
        b.append(next?.managerID)
        b.append(next?.step)
        b.append(next?.kind)
        b.append(next?.dueOn.description)
        b.append(next?.dueAt)
        b.append(next?.attempt)
        b.append(next?.origin)
        b.append(next?.personal)
        b.append(call.reached)
        b.append(call.furthestStep)
        b.append(call.offer)
        b.append(call.clientDefaultZone)
        b.append(next?.forTeam)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (done, created) = try row.decode((Int?, Int?).self)
        return (done, created)
    }
}
