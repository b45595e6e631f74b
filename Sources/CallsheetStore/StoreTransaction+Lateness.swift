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

/// Late candidates of one manager that share campaign, step, due day and done day — all
/// late by the same business days (`report managers`' `late` column).
public struct LateTally: Sendable, Equatable {
    public var manager: String
    public var campaignID: Int
    public var step: String
    public var dueOn: LocalDate
    public var closedOn: LocalDate?
    public var tasks: Int
}

/// Seed 001's time standards: the tasks that can be late, read through the two partial
/// indexes of migration 7 (open tasks due before today, tasks done after their due day),
/// so on-time work is never read. Whether a candidate *is* late depends on its step's
/// standard and its campaign's business calendar: the service decides (`Lateness`).
extension StoreTransaction {
    /// Candidates due `from` … `through`, one row each (calendar zone: call
    /// `useCalendarZone` first). `today`: open tasks due on it or later are never late.
    public func lateCandidates(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate) async throws -> [LateCandidate] {
        try await collect(Self.lateQuery(
            scope, from: from, through: through, today: today,
            columns: "t.id, m.login, t.campaign_id, g.name, c.name, t.step, t.due_on::text, t.closed_at, t.closed_at::date::text",
            joins: "JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id", tail: "ORDER BY m.login, t.due_on, t.id")
        ) { row in
            let (id, login, campaignID, campaign, client, step, due, closedAt, closedOn) =
                try row.decode((Int, String, Int, String, String, String, String, Date?, String?).self)
            return LateCandidate(taskID: id, manager: login, campaignID: campaignID, campaign: campaign, client: client, step: step,
                                 dueOn: try Self.day(due), closedAt: closedAt, closedOn: try closedOn.map(Self.day))
        }
    }

    /// The same candidates counted per manager, campaign, step, due day and done day.
    public func lateTallies(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate) async throws -> [LateTally] {
        try await collect(Self.lateQuery(
            scope, from: from, through: through, today: today,
            columns: "m.login, t.campaign_id, t.step, t.due_on::text, t.closed_at::date::text, count(*)::bigint",
            joins: "", tail: "GROUP BY 1, 2, 3, 4, 5")
        ) { row in
            let (login, campaignID, step, due, closedOn, count) = try row.decode((String, Int, String, String, String?, Int).self)
            return LateTally(manager: login, campaignID: campaignID, step: step, dueOn: try Self.day(due),
                             closedOn: try closedOn.map(Self.day), tasks: count)
        }
    }

    /// `columns`, `joins` and `tail` are constant SQL of the two callers above, never input. The
    /// done branch repeats `task_done_late`'s predicate word for word (migration 7).
    private static func lateQuery(
        _ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, columns: StaticString, joins: StaticString, tail: StaticString
    ) -> PostgresQuery {
        let lastOpen = min(through, today.adding(days: -1))
        return """
            WITH candidate AS (
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at FROM task
                WHERE state = 'pending' AND due_on BETWEEN \(from.description)::date AND \(lastOpen.description)::date
                UNION ALL
                SELECT id, manager_id, campaign_id, client_id, step, due_on, closed_at FROM task
                WHERE state = 'done' AND timezone('UTC', closed_at) >= (due_on + 1) - interval '14 hours'
                  AND due_on BETWEEN \(from.description)::date AND \(through.description)::date AND closed_at::date > due_on
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
