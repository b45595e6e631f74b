import CallsheetDomain
import CallsheetServices
import Foundation

/// The board's week of one campaign, as seed 004's totals sheet lays it out: the funnel
/// (bars with the conversion from each stage to the next, and the table beside), the daily
/// tracking per manager and day up to today, and seed 002's key questions — clients never
/// contacted and not even assigned, important clients not called for two weeks, offers.
enum BoardWeek {
    /// Seed 002's "important clients not called in N days": by default importance 3 or
    /// more and 14 days (`?days=&importance=` on the board).
    struct NeglectQuestion {
        var days = 14
        var importance = 3
    }

    static let listLimit = 10

    static func values(
        _ reports: ReportService, scope: ReportService.Scope, neglect: NeglectQuestion, today: LocalDate, zone: TimeZone, catalog: WebCatalog,
        as caller: Caller
    ) async throws -> [String: Any] {
        let funnel = try await reports.funnel(scope, by: .none, as: caller)
        let daily = try await reports.daily(scope, as: caller)
        let untouched = try await reports.untouched(scope, limit: listLimit, as: caller)
        let neglected = try await reports.neglected(scope, days: neglect.days, minimumImportance: neglect.importance, limit: listLimit, as: caller)
        let offers = try await reports.offers(scope, as: caller)
        var values: [String: Any] = [:]
        let total = funnel.total
        let stages: [[String: Any]] = funnel.stages.enumerated().map { index, name in
            let count = index < total.stages.count ? total.stages[index] : 0
            return ["stage": name, "count": count, "rate": total.conversion(at: index).map(catalog.percent) ?? "—"]
        }
        values["stages"] = stages
        values["funnelChart"] =
            BarChart(
                id: "funnel", title: catalog["funnel_chart_title"],
                bars: stages.map { row in
                    let count = row["count"] as? Int ?? 0, rate = row["rate"] as? String ?? "—"
                    return BarChart.Bar(label: row["stage"] as? String ?? "", value: Double(count), text: rate == "—" ? "\(count)" : "\(count) · \(rate)")
                }
            ).values
        values["wonRate"] = total.assigned == 0 ? "—" : catalog.percent(Double(total.stages.last ?? 0) / Double(total.assigned))
        values["amountColumns"] = daily.amountOutcomes
        values["dailyRows"] = daily.rows.filter { $0.day <= today }.map { row -> [String: Any] in
            [
                "manager": row.manager, "total": row.manager == "total", "day": catalog.day(row.day.description), "calls": row.calls, "firstCalls": row.firstCalls,
                "amounts": daily.amountOutcomes.map { outcome in
                    let sum = row.amounts[outcome] ?? (0, 0)
                    return ["count": sum.count, "money": catalog.money(ManagerComparison.money(sum.cents))]
                },
                "notCalled": row.notCalled, "callbacksOverdue": row.callbacksOverdue,
            ]
        }
        values["untouchedNotAssigned"] = untouched.notAssigned
        values["untouchedAssigned"] = untouched.assigned
        values["untouched"] = untouched.rows.map { ["id": $0.clientID, "name": $0.name, "manager": $0.manager ?? "—"] }
        values["neglectedTotal"] = neglected.total
        values["neglectedQuestion"] = catalog.format("neglected_question", ["days": "\(neglect.days)", "importance": "\(neglect.importance)"])
        values["neglectDays"] = neglect.days
        values["neglectImportance"] = neglect.importance
        values["neglected"] = neglected.rows.map { client -> [String: Any] in
            [
                "id": client.clientID, "name": client.name, "importance": client.importance, "owner": client.owner ?? "—",
                "last": client.lastCallAt.map { catalog.dateTime($0, zone: zone) } ?? catalog["never"],
            ]
        }
        values["offers"] = offers.map { ["status": $0.status, "reason": $0.reason ?? "", "cases": $0.cases] }
        return values
    }
}
