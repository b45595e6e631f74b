public import CallsheetDomain
import Foundation
import PostgresNIO

/// The dated facts `report daily` works from (`DailyTracking` does the arithmetic).
extension StoreTransaction {
    /// Makes this transaction read and write dates in `zone` (the calendar's), so a
    /// `timestamptz::date` is the calendar day and a `date::timestamptz` its midnight.
    public func useCalendarZone(_ zone: String) async throws {
        try await run("SELECT set_config('TimeZone', \(zone), true)")
    }

    /// The scope's cases per manager and the days they were opened, first called and
    /// closed (in the calendar zone: call `useCalendarZone` first).
    public func caseDays(_ scope: CaseScope) async throws -> [DailyTracking.CaseDays] {
        try await collectCases(
            scope, select: "m.login, k.opened_at::date::text, k.called_at::date::text, k.closed_at::date::text, count(*)::int",
            tail: "GROUP BY 1, 2, 3, 4"
        ) { row in
            let (login, opened, called, closed, cases) = try row.decode((String, String, String?, String?, Int).self)
            return DailyTracking.CaseDays(
                manager: login, opened: try Self.day(opened), called: try called.map(Self.day),
                closed: try closed.map(Self.day), cases: cases)
        }
    }

    /// Personal call-backs due by the end of `through` and not ended before `from`, per
    /// manager and the days they were made, due and ended (calendar zone, as `caseDays`).
    public func callbackDays(_ scope: CaseScope, from: LocalDate, through: LocalDate) async throws -> [DailyTracking.CallbackDays] {
        try await collect(
            """
            SELECT m.login, t.created_at::date::text, t.due_at::date::text, t.closed_at::date::text, count(*)::int
            FROM task t JOIN manager m ON m.id = t.manager_id JOIN administrator a ON a.id = m.administrator_id
            WHERE t.personal AND t.due_at < (\(through.description)::date + 1)::timestamptz
              AND (t.closed_at IS NULL OR t.closed_at >= \(from.description)::date::timestamptz)
              AND (\(scope.campaignID)::bigint IS NULL OR t.campaign_id = \(scope.campaignID))
              AND (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
              AND ((\(scope.segment)::text IS NULL AND \(scope.tag)::text IS NULL)
                   OR t.client_id IN (SELECT id FROM client WHERE (\(scope.segment)::text IS NULL OR segment = \(scope.segment))
                                                             AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(tags))))
            GROUP BY 1, 2, 3, 4
            """
        ) { row in
            let (login, created, due, ended, tasks) = try row.decode((String, String, String, String?, Int).self)
            return DailyTracking.CallbackDays(
                manager: login, created: try Self.day(created), due: try Self.day(due),
                ended: try ended.map(Self.day), tasks: tasks)
        }
    }

    static func day(_ text: String) throws -> LocalDate {
        guard let day = LocalDate(iso: text) else { throw StoreError(.invalid, "unexpected date '\(text)' from the database") }
        return day
    }
}
