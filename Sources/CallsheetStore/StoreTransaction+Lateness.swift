public import CallsheetDomain
import Foundation
import PostgresNIO

/// Late tasks of one manager, campaign, step, due day and day done (nil: still open),
/// counted: what `report late --totals` adds up without reading each task.
public struct LateGroup: Sendable, Equatable {
    public var manager: String
    public var campaignID: Int
    public var step: String
    public var dueOn: LocalDate
    public var closedOn: LocalDate?
    public var tasks: Int
    /// The sum of the done tasks' `closed_at` in seconds since 1970 (0 for open tasks).
    public var closedAtSeconds: Double
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
        try await collect(Self.lateQuery(scope, from: from, through: through, today: today, deadlines: deadlines, shape: .list)) { row in
            let (id, login, campaignID, campaign, client, step, due, closedAt, closedOn) =
                try row.decode((Int, String, Int, String, String, String, String, Date?, String?).self)
            return LateCandidate(
                taskID: id, manager: login, campaignID: campaignID, campaign: campaign, client: client, step: step,
                dueOn: try Self.day(due), closedAt: closedAt, closedOn: try closedOn.map(Self.day))
        }
    }

    /// The same late tasks counted per manager login in PostgreSQL, so only one row per
    /// manager comes back. The candidates are counted per (manager, campaign, step, due
    /// day, day done) before they meet the deadlines and the managers: a bad week's
    /// 100,000 candidates become a few thousand groups (figures in BENCHMARKS.md).
    public func lateCounts(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline]) async throws -> [String: Int] {
        let rows = try await collect(Self.lateQuery(scope, from: from, through: through, today: today, deadlines: deadlines, shape: .count)) {
            try $0.decode((String, Int).self)
        }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// The same late tasks counted per (manager, campaign, step, due day, day done), with
    /// the sum of the done ones' finishing instants (hours late add up from it).
    public func lateGroups(_ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline]) async throws -> [LateGroup] {
        try await collect(Self.lateQuery(scope, from: from, through: through, today: today, deadlines: deadlines, shape: .groups)) { row in
            let (login, campaignID, step, due, closedOn, tasks, seconds) = try row.decode((String, Int, String, String, String?, Int, Double).self)
            return LateGroup(
                manager: login, campaignID: campaignID, step: step, dueOn: try Self.day(due), closedOn: try closedOn.map(Self.day),
                tasks: tasks, closedAtSeconds: seconds)
        }
    }

    /// The constant SQL that differs between the list, the count and the groups (never input).
    private struct LateShape {
        var openColumns: StaticString
        var doneColumns: StaticString
        var openGrouping: StaticString
        var doneGrouping: StaticString
        var columns: StaticString
        var joins: StaticString
        var tail: StaticString

        private static let taskColumns: StaticString = "id, manager_id, campaign_id, client_id, step, due_on, closed_at, closed_on"
        static let list = LateShape(
            openColumns: taskColumns, doneColumns: taskColumns,
            openGrouping: "", doneGrouping: "",
            columns: "t.id, m.login, t.campaign_id, g.name, c.name, t.step, t.due_on::text, t.closed_at, t.closed_on::text",
            joins: "JOIN campaign g ON g.id = t.campaign_id JOIN client c ON c.id = t.client_id", tail: "ORDER BY m.login, t.due_on, t.id")
        static let count = LateShape(
            openColumns: "manager_id, campaign_id, step, due_on, NULL::date AS closed_on, count(*) AS tasks",
            doneColumns: "manager_id, campaign_id, step, due_on, closed_on, count(*) AS tasks",
            openGrouping: "GROUP BY 1, 2, 3, 4", doneGrouping: "GROUP BY 1, 2, 3, 4, 5",
            columns: "m.login, sum(t.tasks)::int", joins: "", tail: "GROUP BY m.login")
        static let groups = LateShape(
            openColumns: "manager_id, campaign_id, step, due_on, NULL::date AS closed_on, count(*) AS tasks, 0::float8 AS closed_seconds",
            doneColumns: "manager_id, campaign_id, step, due_on, closed_on, count(*) AS tasks, sum(extract(epoch FROM closed_at))::float8 AS closed_seconds",
            openGrouping: "GROUP BY 1, 2, 3, 4", doneGrouping: "GROUP BY 1, 2, 3, 4, 5",
            columns: "m.login, t.campaign_id, t.step, t.due_on::text, t.closed_on::text, t.tasks::int, t.closed_seconds",
            joins: "", tail: "ORDER BY m.login")
    }

    private static func lateQuery(
        _ scope: CaseScope, from: LocalDate, through: LocalDate, today: LocalDate, deadlines: [StepDeadline], shape: LateShape
    ) -> PostgresQuery {
        let lastOpen = min(through, today.adding(days: -1))
        let clientFiltered = scope.segment != nil || scope.tag != nil
        return """
            WITH deadline AS (
                SELECT * FROM unnest(\(deadlines.map(\.campaignID))::bigint[], \(deadlines.map(\.step))::text[],
                                     \(deadlines.map(\.dueOn.description))::date[], \(deadlines.map(\.deadline.description))::date[])
                    AS d(campaign_id, step, due_on, deadline)
            ), in_segment AS (
                SELECT id FROM client WHERE \(clientFiltered)
                  AND (\(scope.segment)::text IS NULL OR segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(tags))
            ), candidate AS (
                SELECT \(unescaped: shape.openColumns.description) FROM task
                WHERE state = 'pending' AND due_on BETWEEN \(from.description)::date AND \(lastOpen.description)::date
                  AND (\(scope.campaignID)::bigint IS NULL OR campaign_id = \(scope.campaignID))
                  AND (NOT \(clientFiltered) OR client_id IN (SELECT id FROM in_segment))
                \(unescaped: shape.openGrouping.description)
                UNION ALL
                SELECT \(unescaped: shape.doneColumns.description) FROM task
                WHERE state = 'done' AND closed_on > due_on AND due_on BETWEEN \(from.description)::date AND \(through.description)::date
                  AND (\(scope.campaignID)::bigint IS NULL OR campaign_id = \(scope.campaignID))
                  AND (NOT \(clientFiltered) OR client_id IN (SELECT id FROM in_segment))
                \(unescaped: shape.doneGrouping.description)
            )
            SELECT \(unescaped: shape.columns.description)
            FROM candidate t LEFT JOIN deadline d ON d.campaign_id = t.campaign_id AND d.step = t.step AND d.due_on = t.due_on
            JOIN manager m ON m.id = t.manager_id JOIN administrator a ON a.id = m.administrator_id
            \(unescaped: shape.joins.description)
            WHERE coalesce(t.closed_on, \(today.description)::date) > coalesce(d.deadline, t.due_on)
              AND (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
            \(unescaped: shape.tail.description)
            """
    }
}
