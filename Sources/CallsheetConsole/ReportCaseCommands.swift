import CallsheetDomain
import CallsheetServices
import Foundation

/// `report funnel`, `report offers`, `report forecast`: the case-level reports. They count
/// the cases of the waves of the scope's weeks (each wave's cohort, followed to today).
/// Column meanings: docs/reports.md.
enum ReportCaseCommands {
    static let all: [ConsoleCommand] = [funnel, ReportDailyCommand.daily, offers, forecast]

    static let funnel = ConsoleCommand(
        "report funnel",
        usage: "report funnel [filters] [--by manager|week|segment] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "assigned → called → reached → each workflow stage → won, with conversion and how cases ended",
        useCase: .reportFunnel, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let byText = try context.arguments.option("by")
        guard let grouping = FunnelGrouping(rawValue: byText ?? "none"), grouping != .none || byText == nil else {
            throw ConsoleError(.invalid, "--by \"\(byText ?? "")\" is not manager, week or segment")
        }
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let funnel = try await context.services().reports.funnel(scope, by: grouping, as: context.caller)
        var status = ReportCommands.period(scope)
        status += [("cases", .int(funnel.total.assigned)), ("won", .int(funnel.total.stages.last ?? 0))]
        if grouping == .none {
            return ReportCommands.respond(status: status, columns: ["stage", "cases", "rate", "of_assigned"], rows: stageRows(funnel.total, funnel.stages), csv: csv)
        }
        let columns = [grouping.rawValue] + funnel.stages + ["not_called", "refused", "unreachable", "dnc", "cancelled", "open", "conversion"]
        let rows = (funnel.rows + [funnel.total]).map { row -> [ConsoleValue] in
            [.string(row.group)] + row.stages.map { ConsoleValue.int($0) } + [
                .int(row.notCalled), .int(row.refusedTotal), .int(row.unreachable), .int(row.doNotCall), .int(row.cancelled), .int(row.open),
                .string(share(row.stages.last ?? 0, of: row.assigned)),
            ]
        }
        return ReportCommands.respond(status: status + [("by", .string(grouping.rawValue))], columns: columns, rows: rows, csv: csv)
    }

    /// The funnel as the seed-004 "Totals" sheet: one row per stage, then how cases ended.
    static func stageRows(_ row: Funnel.Row, _ stages: [String]) -> [[ConsoleValue]] {
        var rows: [[ConsoleValue]] = stages.enumerated().map { index, stage in
            [
                .string(stage), .int(row.stages[index]), .string(row.conversion(at: index).map(ReportCommands.percent) ?? ""),
                .string(share(row.stages[index], of: row.assigned)),
            ]
        }
        var ends: [(String, Int)] = [("not-called", row.notCalled), ("refused", row.refusedTotal)]
        ends += row.refused.keys.sorted().map { ("refused: \($0)", row.refused[$0]!) }
        ends += [("unreachable", row.unreachable), ("do-not-call", row.doNotCall), ("cancelled", row.cancelled), ("open", row.open)]
        rows += ends.map { [.string($0.0), .int($0.1), .string(""), .string(share($0.1, of: row.assigned))] }
        return rows
    }

    static func share(_ part: Int, of whole: Int) -> String {
        whole > 0 ? ReportCommands.percent(Double(part) / Double(whole)) : "-"
    }

    static let offers = ConsoleCommand(
        "report offers",
        usage: "report offers [filters] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "where the offers stand: sent, confirmed, follow-up, renegotiated, accepted, rejected (by reason), postponed",
        useCase: .reportOffers, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let tallies = try await context.services().reports.offers(scope, as: context.caller)
        let total = tallies.map(\.cases).reduce(0, +)
        let rows: [[ConsoleValue]] = tallies.map { [.string($0.status), .string($0.reason ?? ""), .int($0.cases), .string(share($0.cases, of: total))] }
        return ReportCommands.respond(
            status: ReportCommands.period(scope) + [("offers", .int(total))],
            columns: ["status", "reason", "cases", "share"], rows: rows, csv: csv)
    }

    static let forecast = ConsoleCommand(
        "report forecast",
        usage: "report forecast --campaign C [filters] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "open pipeline by step, expected payments at the observed stage-to-paid rates, cost per paying client",
        useCase: .reportForecast, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let forecast = try await context.services().reports.forecast(scope, as: context.caller)
        let money = { (cents: Int64?) in cents.map(ManagerComparison.money) ?? "-" }
        let rows: [[ConsoleValue]] = forecast.rows.map { row in
            [
                .string(row.step), .int(row.open), .int(row.decidedFromHere), .int(row.paidFromHere),
                .string(row.rate.map(ReportCommands.percent) ?? "-"), .string(String(format: "%.1f", row.expectedPaid)), .string(money(row.expectedValueCents)),
            ]
        }
        let status =
            ReportCommands.period(scope) + [
                ("open", .int(forecast.rows.map(\.open).reduce(0, +))), ("expected_paid", .string(String(format: "%.1f", forecast.expectedPaid))),
                ("expected_value", .string(money(forecast.expectedValueCents))), ("paying", .int(forecast.paying)),
                ("mean_paid", .string(money(forecast.meanPaidCents))), ("cost_per_paying", .string(money(forecast.costPerPayingCents))),
            ]
        return ReportCommands.respond(
            status: status, columns: ["step", "open", "decided", "paid", "rate", "expected_paid", "expected_value"],
            rows: rows, csv: csv)
    }
}
