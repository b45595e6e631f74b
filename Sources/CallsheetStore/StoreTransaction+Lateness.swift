import CallsheetDomain
import Foundation
import PostgresNIO

/// A late task (`report late`): done after its deadline, or still open past it.
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
/// so on-time work is never read. Deadlines depend on each step's standard and its
/// campaign's business calendar: the service works them out (`Lateness.deadline`) per
/// due day and hands them over.
extension StoreTransaction {
    /// The late tasks due `from` … `through`, one row each: done (or, open, today) after
    /// their deadline. A (campaign, step, due day) missing from `deadlines` has a standard
    /// of 0 (its deadline is its due day).
    public func lateCandidates(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline]) async throws -> [LateCandidate] {
        try await collect(Self.lateQuery(
            scope, from: from, through: through, today: today, deadlines: deadlines,
            columns: "t.id, m.login, t.campaign_id, g.name, c.name, t.step, t.due_on::text, t.closed_at, t.closed_on::text",
            joins: "JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id", tail: "ORDER BY m.login, t.due_on, t.id")
        ) { row in
            let (id, login, campaignID, campaign, client, step, due, closedAt, closedOn) =
                try row.decode((Int, String, Int, String, String, String, String, Date?, String?).self)
            return LateCandidate(taskID: id, manager: login, campaignID: campaignID, campaign: campaign, client: client, step: step,
                                 dueOn: try Self.day(due), closedAt: closedAt, closedOn: try closedOn.map(Self.day))
        }
    }

    /// The same late tasks counted per manager login in PostgreSQL, so only one row per
    /// manager comes back.
    public func lateCounts(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline]) async throws -> [String: Int] {
        let rows = try await collect(Self.lateQuery(
            scope, from: from, through: through, today: today, deadlines: deadlines,
            columns: "m.login, count(*)::int", joins: "", tail: "GROUP BY m.login")
        ) { try $0.decode((String, Int).self) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// `columns`, `joins` and `tail` are constant SQL of the callers, never input.
    private static func lateQuery(
        _ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline],
        columns: StaticString, joins: StaticString, tail: StaticString
    ) -> PostgresQuery {
        let lastOpen = min(through, today.adding(days: -1))
        return """
            WITH deadline AS (
                SELECT * FROM unnest(\(deadlines.map(\.campaignID))::bigint[], \(deadlines.map(\.step))::text[],
                                     \(deadlines.map(\.dueOn.description))::date[], \(deadlines.map(\.deadline.description))::date[])
                    AS d(campaign_id, step, due_on, deadline)
            ), candidate AS (
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at, closed_on FROM task
                WHERE state = 'pending' AND due_on BETWEEN \(from.description)::date AND \(lastOpen.description)::date
                UNION ALL
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at, closed_on FROM task
                WHERE state = 'done' AND closed_on > due_on AND due_on BETWEEN \(from.description)::date AND \(through.description)::date
            )
            SELECT \(unescaped: columns.description)
            FROM candidate t LEFT JOIN deadline d ON d.campaign_id = t.campaign_id AND d.step = t.step AND d.due_on = t.due_on
            JOIN manager m ON m.id = t.manager_id JOIN administrator a ON a.id = m.administrator_id
            \(unescaped: joins.description)
            WHERE coalesce(t.closed_on, \(today.description)::date) > coalesce(d.deadline, t.due_on)
              AND (\(scope.campaignID)::bigint IS NULL OR t.campaign_id = \(scope.campaignID))
              AND (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
              AND (\(scope.segment)::text IS NULL AND \(scope.tag)::text IS NULL OR EXISTS (
                  SELECT 1 FROM client s WHERE s.id = t.client_id
                    AND (\(scope.segment)::text IS NULL OR s.segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(s.tags))))
            \(unescaped: tail.description)
            """
    }
}
