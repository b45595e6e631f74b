import CallsheetDomain
import CallsheetServices
import Foundation

/// The managers compared, for the bonus conversation (seed 004) and the time standards
/// (seed 001): a ranked table with every figure, a bar chart by the chosen measure, best and
/// worst marked only where the figures differ (``ManagerComparison/marks(_:by:)``), and who
/// was late against the workflow's due times and by how much.
struct BoardManagers {
    let rows: [ManagerComparison.Figures]
    let late: [ReportService.LateTotal]
    let column: ManagerComparison.RankColumn
    let catalog: WebCatalog

    var values: [String: Any] {
        let marks = ManagerComparison.marks(rows, by: column)
        let amountOutcomes = Set(rows.flatMap(\.amounts.keys)).sorted()
        var values: [String: Any] = [:]
        values["amountColumns"] = amountOutcomes
        values["measures"] = (ManagerComparison.RankColumn.figures + amountOutcomes.map(ManagerComparison.RankColumn.amount)).map { measure in
            ["name": measure.description, "label": label(measure), "selected": measure == column]
        }
        values["hasMeasures"] = true
        values["measure"] = label(column)
        values["rows"] = rows.enumerated().map { index, row -> [String: Any] in
            [
                "rank": index + 1, "manager": row.manager, "team": row.team, "list": row.listSize, "calls": row.calls, "reached": row.reached,
                "reach": reach(row), "advanced": row.advanced, "won": row.won, "lost": row.lost, "dnc": row.doNotCall,
                "amounts": amountOutcomes.map { catalog.money(ManagerComparison.money(row.amounts[$0] ?? 0)) },
                "handling": handling(row), "late": row.late,
                "mark": marks[row.manager].map { catalog["mark_\($0.rawValue)"] } ?? "", "markClass": marks[row.manager]?.rawValue ?? "",
            ]
        }
        values["chart"] =
            BarChart(
                id: "managers", title: catalog.format("managers_chart_title", ["measure": label(column)]),
                bars: rows.map { row in
                    BarChart.Bar(label: row.manager, value: row.value(of: column), text: text(row), mark: marks[row.manager]?.rawValue)
                }
            ).values
        values["late"] = late.filter { $0.late > 0 }.map { total -> [String: Any] in
            [
                "manager": total.manager, "doneLate": total.doneLate, "openLate": total.openLate, "lateDays": total.lateDays, "worstDays": total.worstDays,
                "lateHours": String(format: "%.1f", total.lateHours),
            ]
        }
        values["nobodyLate"] = !late.contains { $0.late > 0 }
        return values
    }

    func label(_ measure: ManagerComparison.RankColumn) -> String {
        if case .amount(let outcome) = measure { return outcome }
        return catalog["measure_\(measure.description)"]
    }

    /// The chart's figure for a row, as the table shows it.
    func text(_ row: ManagerComparison.Figures) -> String {
        switch column {
        case .reach: reach(row)
        case .handling: handling(row)
        case .amount(let outcome): catalog.money(ManagerComparison.money(row.amounts[outcome] ?? 0))
        default: String(Int(row.value(of: column)))
        }
    }

    func reach(_ row: ManagerComparison.Figures) -> String { row.reachRate.map(catalog.percent) ?? "—" }

    func handling(_ row: ManagerComparison.Figures) -> String { row.averageHandling.map { String(format: "%.0f s", $0) } ?? "—" }
}
