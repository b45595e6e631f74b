public import CallsheetDomain
import Foundation
import PostgresNIO

/// Everything `next` shows about a claimed call, read by one select: the task,
/// its campaign's workflow snapshot id, the client card with phones, the client's last ten
/// calls across all campaigns and managers, and the amounts recorded so far. The lists come
/// back as JSON arrays so the sheet is one round trip however long they are.
///
/// ``ClaimStatement`` embeds it (``select(taskID:)``) so a claim and its sheet are one
/// round trip.
enum CallSheetQuery {
    /// The sheet of the task whose id `taskID` (trusted SQL text: a parameter or a
    /// subquery) yields; ``columnCount`` columns.
    static func select(taskID: String) -> String {
        """
        SELECT \(StoreTransaction.taskColumns), g.workflow_version_id,
               c.id, c.name, c.contact, c.email, c.segment, c.tags, c.importance::int, c.time_zone, c.external_id, c.notes,
               c.import_id, c.created_at,
               (SELECT coalesce(json_agg(json_build_array(p.e164, p.extension, p.raw) ORDER BY p.position), '[]')::text
                FROM client_phone p WHERE p.client_id = c.id),
               (SELECT coalesce(json_agg(json_build_array(h.task_id::text, h.campaign, h.login, h.step, h.outcome,
                                                          extract(epoch FROM h.claimed_at)::text, extract(epoch FROM h.finished_at)::text,
                                                          h.note, h.amount::text, h.reason, h.next_step, h.next_due::text)
                                         ORDER BY h.finished_at DESC, h.id DESC), '[]')::text
                FROM (SELECT r.*, rg.name AS campaign, rm.login FROM call r
                      JOIN campaign rg ON rg.id = r.campaign_id JOIN manager rm ON rm.id = r.manager_id
                      WHERE r.client_id = c.id ORDER BY r.finished_at DESC, r.id DESC LIMIT 10) h),
               (SELECT coalesce(json_agg(json_build_array(s.outcome, s.total) ORDER BY s.outcome), '[]')::text
                FROM (SELECT outcome, sum(amount)::text AS total FROM call
                      WHERE client_id = c.id AND amount IS NOT NULL GROUP BY outcome) s)
        FROM task t JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id
        WHERE t.id = \(taskID)
        """
    }

    /// The sheet as read, before its workflow is looked up.
    struct Row: Sendable {
        var task: TaskRecord
        var workflowVersion: Int
        var client: ClientRecord
        var lastCalls: [CallRecord]
        var amounts: [(outcome: String, total: String)]
    }

    /// The sheet whose columns start at `offset`.
    static func sheet(_ cells: PostgresRandomAccessRow, at offset: Int) throws -> Row {
        let task = try StoreTransaction.task(cells, at: offset)
        let base = offset + StoreTransaction.taskColumnCount
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
            try cells[base + index].decode(T.self, context: .default)
        }
        let phones = try list(try cell(13, String.self)).map { ClientRecord.Phone(e164: $0[0] ?? "", extensionDigits: $0[1], raw: $0[2] ?? "") }
        let client = ClientRecord(
            id: try cell(1, Int.self), name: try cell(2, String.self), contact: try cell(3, String?.self), email: try cell(4, String?.self),
            segment: try cell(5, String.self), tags: try cell(6, [String].self), importance: try cell(7, Int.self),
            timeZone: try cell(8, String?.self), externalID: try cell(9, String?.self), notes: try cell(10, String?.self),
            importID: try cell(11, Int?.self), createdAt: try cell(12, Date.self), phones: phones)
        let calls = try list(try cell(14, String.self)).map { c in
            CallRecord(
                taskID: Int(c[0] ?? "") ?? 0, campaign: c[1] ?? "", manager: c[2] ?? "", step: c[3] ?? "", outcome: c[4] ?? "",
                claimedAt: instant(c[5]), finishedAt: instant(c[6]), note: c[7], amount: c[8], reason: c[9],
                nextStep: c[10], nextDue: c[11].flatMap { LocalDate(iso: $0) })
        }
        let amounts = try list(try cell(15, String.self)).map { (outcome: $0[0] ?? "", total: $0[1] ?? "") }
        return Row(task: task, workflowVersion: try cell(0, Int.self), client: client, lastCalls: calls, amounts: amounts)
    }

    private static func list(_ json: String) throws -> [[String?]] {
        try JSONDecoder().decode([[String?]].self, from: Data(json.utf8))
    }

    private static func instant(_ epoch: String?) -> Date {
        Date(timeIntervalSince1970: epoch.flatMap(Double.init) ?? 0)
    }
}

/// A claimed call with everything the manager needs to make it.
public struct CallSheetRecord: Sendable {
    public var task: TaskRecord
    public var workflow: Workflow
    public var client: ClientRecord
    public var lastCalls: [CallRecord]
    public var amounts: [(outcome: String, total: String)]
}

extension StoreTransaction {
    func callSheet(_ row: CallSheetQuery.Row) async throws -> CallSheetRecord {
        CallSheetRecord(
            task: row.task, workflow: try await workflow(version: row.workflowVersion), client: row.client,
            lastCalls: row.lastCalls, amounts: row.amounts)
    }
}

extension StoreTransaction {
    /// The sheet of one task, read again (the web page of a call a manager holds); nil when
    /// there is no such task.
    public func callSheet(taskID: Int) async throws -> CallSheetRecord? {
        var binds = PostgresBindings()
        binds.append(taskID)
        let rows = try await collect(PostgresQuery(unsafeSQL: CallSheetQuery.select(taskID: "$1"), binds: binds)) {
            try CallSheetQuery.sheet(PostgresRandomAccessRow($0), at: 0)
        }
        guard let row = rows.first else { return nil }
        return try await callSheet(row)
    }
}
