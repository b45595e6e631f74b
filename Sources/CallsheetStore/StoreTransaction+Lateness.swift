import CallsheetDomain
import Foundation
import PostgresNIO

/// A task that may be late (`report late`): still open and due before today, or done
/// after its due day.
public struct LateCandidate: Sendable, Equatable {
    public var taskID: Int
    public var manager: String
    public var campaignID: Int
    public var campaign: String
    public var client: String
    public var step: String
    public var dueOn: LocalDate
    public var closedAt: Date?
    /// `closedAt`'s day in the calendar zone.
    public var closedOn: LocalDate?
}

/// The last on-time day of tasks of one campaign's step due on one day (`Lateness`):
/// what the late count compares the day a task was done (or today) with.
public struct StepDeadline: Sendable, Equatable {
    public var campaignID: Int
    public var step: String
    public var dueOn: LocalDate
    public var deadline: LocalDate

    public init(campaignID: Int, step: String, dueOn: LocalDate, deadline: LocalDate) {
        self.campaignID = campaignID
        self.step = step
        self.dueOn = dueOn
        self.deadline = deadline
    }
}

/// Seed 001's time standards: the tasks that can be late, read through the two partial
/// indexes of migration 7 (open tasks due before today, tasks done after their due day),
/// so on-time work is never read. Whether a candidate *is* late depends on its step's
/// standard and its campaign's business calendar: the service decides (`Lateness`), for
/// counts by handing over each step's deadline per due day.
extension StoreTransaction {
    /// Candidates due `from` … `through`, one row each. `today`: open tasks due on it or
    /// later are never late.
    public func lateCandidates(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate) async throws -> [LateCandidate] {
        try await collect(Self.lateQuery(
            scope, from: from, through: through, today: today,
            columns: "t.id, m.login, t.campaign_id, g.name, c.name, t.step, t.due_on::text, t.closed_at, t.closed_on::text",
            joins: "JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id", tail: "ORDER BY m.login, t.due_on, t.id")
        ) { row in
            let (id, login, campaignID, campaign, client, step, due, closedAt, closedOn) =
                try row.decode((Int, String, Int, String, String, String, String, Date?, String?).self)
            return LateCandidate(taskID: id, manager: login, campaignID: campaignID, campaign: campaign, client: client, step: step,
                                 dueOn: try Self.day(due), closedAt: closedAt, closedOn: try closedOn.map(Self.day))
        }
    }

    /// Late tasks per manager login: candidates done (or, open, today) after their
    /// deadline; a (campaign, step, due day) missing from `deadlines` has a standard of 0
    /// (its deadline is its due day). Counted in PostgreSQL, so only one row per manager
    /// comes back.
    public func lateCounts(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline]) async throws -> [String: Int] {
        let rows = try await collect("""
            WITH deadline AS (
                SELECT * FROM unnest(\(deadlines.map(\.campaignID))::bigint[], \(deadlines.map(\.step))::text[],
                                     \(deadlines.map(\.dueOn.description))::date[], \(deadlines.map(\.deadline.description))::date[])
                    AS d(campaign_id, step, due_on, deadline)
            ), candidate AS (
                SELECT manager_id, campaign_id, client_id, step, due_on, NULL::date AS closed_on FROM task
                WHERE state = 'pending' AND due_on BETWEEN \(from.description)::date AND \(min(through, today.adding(days: -1)).description)::date
                UNION ALL
                SELECT manager_id, campaign_id, client_id, step, due_on, closed_on FROM task
                WHERE state = 'done' AND closed_on > due_on AND due_on BETWEEN \(from.description)::date AND \(through.description)::date
            ), late AS (
                SELECT t.manager_id, count(*)::int AS tasks
                FROM candidate t LEFT JOIN deadline d ON d.campaign_id = t.campaign_id AND d.step = t.step AND d.due_on = t.due_on
                WHERE coalesce(t.closed_on, \(today.description)::date) > coalesce(d.deadline, t.due_on)
                  AND (\(scope.campaignID)::bigint IS NULL OR t.campaign_id = \(scope.campaignID))
                  AND (\(scope.segment)::text IS NULL AND \(scope.tag)::text IS NULL OR EXISTS (
                      SELECT 1 FROM client s WHERE s.id = t.client_id
                        AND (\(scope.segment)::text IS NULL OR s.segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(s.tags))))
                GROUP BY t.manager_id
            )
            SELECT m.login, l.tasks FROM late l JOIN manager m ON m.id = l.manager_id JOIN administrator a ON a.id = m.administrator_id
            WHERE (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
            """) { try $0.decode((String, Int).self) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// `columns`, `joins` and `tail` are constant SQL of the callers, never input.
    private static func lateQuery(
        _ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, columns: StaticString, joins: StaticString, tail: StaticString
    ) -> PostgresQuery {
        let lastOpen = min(through, today.adding(days: -1))
        return """
            WITH candidate AS (
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at, closed_on FROM task
                WHERE state = 'pending' AND due_on BETWEEN \(from.description)::date AND \(lastOpen.description)::date
                UNION ALL
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at, closed_on FROM task
                WHERE state = 'done' AND closed_on > due_on AND due_on BETWEEN \(from.description)::date AND \(through.description)::date
            )
            SELECT \(unescaped: columns.description)
            FROM candidate t JOIN manager m ON m.id = t.manager_id JOIN administrator a ON a.id = m.administrator_id
            \(unescaped: joins.description)
            WHERE (\(scope.campaignID)::bigint IS NULL OR t.campaign_id = \(scope.campaignID))
              AND (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
              AND (\(scope.segment)::text IS NULL AND \(scope.tag)::text IS NULL OR EXISTS (
                  SELECT 1 FROM client s WHERE s.id = t.client_id
                    AND (\(scope.segment)::text IS NULL OR s.segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(s.tags))))
            \(unescaped: tail.description)
            """
    }
}
