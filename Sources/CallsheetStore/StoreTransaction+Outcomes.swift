public import CallsheetDomain
public import Foundation
import PostgresNIO

/// Recording a finished call: history, counters, the case's move and the next task — all in
/// the caller's transaction (docs/domain.md#outcomes).
extension StoreTransaction {
    /// Writes the call and applies its transition (one statement, ``RecordCallStatement``);
    /// returns the id of the task it created, if any. Throws `conflict` when the task is
    /// no longer the manager's pending claim (then nothing was written).
    public func recordCall(_ task: TaskRecord, by managerID: Int, _ call: RecordedCall, actor: ActingUser) async throws -> Int? {
        typealias Next = RecordCallStatement.NextTask
        var statement = RecordCallStatement(task: task, managerID: managerID, call: call, actor: actor)
        switch call.transition {
        case .advance(let step, let kind, let dueOn, let dueAt):
            statement.advanceTo = step
            statement.next = Next(step: step, kind: kind.rawValue, origin: "follow-up", attempt: 1, personal: false, dueOn: dueOn, dueAt: dueAt)
        case .retry(let dueOn, let dueAt, let attempt):
            statement.next = Next(step: task.step, origin: "retry", attempt: attempt, personal: false, dueOn: dueOn, dueAt: dueAt)
        case .callback(let dueOn, let dueAt):
            statement.next = Next(
                step: task.step, origin: "callback", attempt: task.attempt, personal: true, forTeam: call.callbackForTeam,
                managerID: managerID, dueOn: dueOn, dueAt: dueAt)
        case .close(let state, let reason):
            statement.close = (state, reason)
        }
        let row = try await execute(statement)[0]
        guard row.done != nil else { throw StoreError(.conflict, "task \(task.id) is no longer your pending call; nothing was recorded") }
        return row.created
    }

    /// Why a cancelled task was cancelled, for the refusal a manager gets when recording on
    /// it: the close reason of its case ("do-not-call", "unassigned", …) and when; nil when
    /// the case is still open (another task of the case closed it).
    public func cancellation(ofTask taskID: Int) async throws -> (reason: String, at: Date)? {
        try await collect(
            """
            SELECT k.close_reason, k.closed_at FROM task t JOIN campaign_case k ON k.id = t.case_id
            WHERE t.id = \(taskID) AND k.state <> 'open' AND k.close_reason IS NOT NULL AND k.closed_at IS NOT NULL
            """
        ) { row -> (reason: String, at: Date) in
            let (reason, at) = try row.decode((String, Date).self)
            return (reason, at)
        }.first
    }

    /// Pending personal call-backs a manager holds.
    public func openCallbacks(managerID: Int) async throws -> Int {
        try await collect("SELECT count(*)::int FROM task WHERE manager_id = \(managerID) AND state = 'pending' AND personal") { try $0.decode(Int.self) }[0]
    }

    /// The client's calls across every campaign and manager, newest first.
    public func calls(clientID: Int, limit: Int) async throws -> [CallRecord] {
        try await collect(
            """
            SELECT c.task_id, g.name, m.login, c.step, c.outcome, c.claimed_at, c.finished_at, c.note, c.amount::text, c.reason,
                   c.next_step, c.next_due::text
            FROM call c JOIN campaign g ON g.id = c.campaign_id JOIN manager m ON m.id = c.manager_id
            WHERE c.client_id = \(clientID) ORDER BY c.finished_at DESC, c.id DESC LIMIT \(limit)
            """
        ) { row in
            let (task, campaign, manager, step, outcome, claimed, finished, note, amount, reason, next, due) =
                try row.decode((Int, String, String, String, String, Date, Date, String?, String?, String?, String?, String?).self)
            return CallRecord(
                taskID: task, campaign: campaign, manager: manager, step: step, outcome: outcome, claimedAt: claimed,
                finishedAt: finished, note: note, amount: amount, reason: reason, nextStep: next, nextDue: due.flatMap { LocalDate(iso: $0) })
        }
    }

    /// Amounts recorded for the client so far, per outcome (`invoiced 1500.00`).
    public func amounts(clientID: Int) async throws -> [(outcome: String, total: String)] {
        try await collect(
            """
            SELECT outcome, sum(amount)::text FROM call WHERE client_id = \(clientID) AND amount IS NOT NULL GROUP BY outcome ORDER BY outcome
            """
        ) { try $0.decode((String, String).self) }.map { ($0.0, $0.1) }
    }

    /// A manager's pending tasks due on or before `date` (everyone's when `managerID` is nil).
    public func agenda(managerID: Int?, through date: LocalDate, limit: Int) async throws -> [AgendaEntry] {
        try await collect(
            """
            SELECT t.id, g.name, t.client_id, c.name, t.step, t.origin, t.due_on::text, t.due_at, m.login
            FROM task t JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id JOIN manager m ON m.id = t.manager_id
            WHERE t.state = 'pending' AND t.due_on <= \(date.description)::date
              AND (\(managerID)::bigint IS NULL OR t.manager_id = \(managerID)) AND g.state = 'active'
            ORDER BY m.login, t.due_on, coalesce(t.due_at, t.due_on::timestamptz), t.id
            LIMIT \(limit)
            """
        ) { row in
            let (id, campaign, client, name, step, origin, due, dueAt, manager) = try row.decode((Int, String, Int, String, String, String, String, Date?, String).self)
            return AgendaEntry(
                taskID: id, campaign: campaign, clientID: client, clientName: name, step: step, origin: origin,
                dueOn: LocalDate(iso: due)!, dueAt: dueAt, manager: manager)
        }
    }
}
