import CallsheetDomain
import Foundation
import PostgresNIO

/// Recording a finished call: history, counters, the case's move and the next task — all in
/// the caller's transaction.
extension StoreTransaction {
    /// Writes the call and applies its transition; returns the id of the task it created, if any.
    public func recordCall(_ task: TaskRecord, by managerID: Int, _ call: RecordedCall, actor: ActingUser) async throws -> Int? {
        let (nextStep, nextDue): (String?, LocalDate?) = switch call.transition {
        case .advance(let step, _, let dueOn, _): (step, dueOn)
        case .retry(let dueOn, _, _): (task.step, dueOn)
        case .callback(let dueOn, _): (task.step, dueOn)
        case .close: (nil, nil)
        }
        try await run("""
            INSERT INTO call (task_id, case_id, campaign_id, client_id, manager_id, step, attempt, claimed_at, finished_at,
                              outcome, note, amount, reason, quality, next_step, next_due, request_id, actor_uid, actor_name)
            VALUES (\(task.id), \(task.caseID), \(task.campaignID), \(task.clientID), \(managerID), \(task.step), \(task.attempt),
                    \(task.claimedAt ?? call.finishedAt), \(call.finishedAt), \(call.outcome), \(call.note), \(call.amount)::numeric,
                    \(call.reason), \(call.quality), \(nextStep), \(nextDue?.description)::date, \(call.requestID), \(Int(actor.uid)), \(actor.name))
            """)
        try await run("""
            UPDATE task SET state = 'done', closed_at = \(call.finishedAt), claimed_by = NULL, lease_until = NULL WHERE id = \(task.id)
            """)
        try await run("""
            UPDATE campaign_client SET calls_total = calls_total + 1,
                   calls_today = CASE WHEN calls_day = \(call.finishedOn.description)::date THEN calls_today + 1 ELSE 1 END,
                   calls_day = \(call.finishedOn.description)::date
            WHERE campaign_id = \(task.campaignID) AND client_id = \(task.clientID)
            """)
        try await run("""
            INSERT INTO client_contact (client_id, last_call_at) VALUES (\(task.clientID), \(call.finishedAt))
            ON CONFLICT (client_id) DO UPDATE SET last_call_at = greatest(client_contact.last_call_at, EXCLUDED.last_call_at)
            """)
        switch call.transition {
        case .advance(let step, let kind, let dueOn, let dueAt):
            try await run("UPDATE campaign_case SET step = \(step) WHERE id = \(task.caseID)")
            return try await insertTask(for: task, step: step, kind: kind.rawValue, origin: "follow-up", attempt: 1, personal: false,
                                        managerID: nil, dueOn: dueOn, dueAt: dueAt)
        case .retry(let dueOn, let dueAt, let attempt):
            return try await insertTask(for: task, step: task.step, kind: nil, origin: "retry", attempt: attempt, personal: false,
                                        managerID: nil, dueOn: dueOn, dueAt: dueAt)
        case .callback(let dueOn, let dueAt):
            return try await insertTask(for: task, step: task.step, kind: nil, origin: "callback", attempt: task.attempt, personal: true,
                                        managerID: managerID, dueOn: dueOn, dueAt: dueAt)
        case .close(let state, let reason):
            try await run("""
                UPDATE campaign_case SET state = \(state), closed_at = \(call.finishedAt), close_reason = \(reason)
                WHERE id = \(task.caseID) AND state = 'open'
                """)
            try await run("UPDATE task SET state = 'cancelled', closed_at = \(call.finishedAt) WHERE case_id = \(task.caseID) AND state = 'pending'")
            return nil
        }
    }

    /// A new pending task of the same case, for the case's manager unless `managerID` is given.
    private func insertTask(for task: TaskRecord, step: String, kind: String?, origin: String, attempt: Int, personal: Bool,
                            managerID: Int?, dueOn: LocalDate, dueAt: Date?) async throws -> Int {
        try await collect("""
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on, due_at, attempt, origin, personal)
            SELECT k.id, k.campaign_id, k.client_id, coalesce(\(managerID)::bigint, k.manager_id), \(step),
                   coalesce(\(kind)::text, (SELECT kind FROM task WHERE id = \(task.id))), \(dueOn.description)::date, \(dueAt),
                   \(attempt), \(origin), \(personal)
            FROM campaign_case k WHERE k.id = \(task.caseID)
            RETURNING id
            """) { try $0.decode(Int.self) }[0]
    }

    /// Pending personal call-backs a manager holds.
    public func openCallbacks(managerID: Int) async throws -> Int {
        try await collect("SELECT count(*)::int FROM task WHERE manager_id = \(managerID) AND state = 'pending' AND personal") { try $0.decode(Int.self) }[0]
    }

    /// The client's calls across every campaign and manager, newest first.
    public func calls(clientID: Int, limit: Int) async throws -> [CallRecord] {
        try await collect("""
            SELECT c.task_id, g.name, m.login, c.step, c.outcome, c.claimed_at, c.finished_at, c.note, c.amount::text, c.reason,
                   c.next_step, c.next_due::text
            FROM call c JOIN campaign g ON g.id = c.campaign_id JOIN manager m ON m.id = c.manager_id
            WHERE c.client_id = \(clientID) ORDER BY c.finished_at DESC, c.id DESC LIMIT \(limit)
            """) { row in
            let (task, campaign, manager, step, outcome, claimed, finished, note, amount, reason, next, due) =
                try row.decode((Int, String, String, String, String, Date, Date, String?, String?, String?, String?, String?).self)
            return CallRecord(taskID: task, campaign: campaign, manager: manager, step: step, outcome: outcome, claimedAt: claimed,
                              finishedAt: finished, note: note, amount: amount, reason: reason, nextStep: next, nextDue: due.flatMap { LocalDate(iso: $0) })
        }
    }

    /// Amounts recorded for the client so far, per outcome (`invoiced 1500.00`).
    public func amounts(clientID: Int) async throws -> [(outcome: String, total: String)] {
        try await collect("""
            SELECT outcome, sum(amount)::text FROM call WHERE client_id = \(clientID) AND amount IS NOT NULL GROUP BY outcome ORDER BY outcome
            """) { try $0.decode((String, String).self) }.map { ($0.0, $0.1) }
    }

    /// A manager's pending tasks due on or before `date` (everyone's when `managerID` is nil).
    public func agenda(managerID: Int?, through date: LocalDate, limit: Int) async throws -> [AgendaEntry] {
        try await collect("""
            SELECT t.id, g.name, t.client_id, c.name, t.step, t.origin, t.due_on::text, t.due_at, m.login
            FROM task t JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id JOIN manager m ON m.id = t.manager_id
            WHERE t.state = 'pending' AND t.due_on <= \(date.description)::date
              AND (\(managerID)::bigint IS NULL OR t.manager_id = \(managerID)) AND g.state = 'active'
            ORDER BY m.login, t.due_on, coalesce(t.due_at, t.due_on::timestamptz), t.id
            LIMIT \(limit)
            """) { row in
            let (id, campaign, client, name, step, origin, due, dueAt, manager) = try row.decode((Int, String, Int, String, String, String, String, Date?, String).self)
            return AgendaEntry(taskID: id, campaign: campaign, clientID: client, clientName: name, step: step, origin: origin,
                               dueOn: LocalDate(iso: due)!, dueAt: dueAt, manager: manager)
        }
    }
}
