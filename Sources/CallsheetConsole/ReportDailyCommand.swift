import CallsheetDomain
import CallsheetServices
import Foundation

/// `report daily`: the daily tracking sheet, per manager per day (docs/domain.md#reports).
enum ReportDailyCommand {
    static let daily = ConsoleCommand(
        "report daily",
        usage: "report daily [filters] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "per manager per day: calls, first calls from the list, invoices and payments, not yet called, call-backs overdue",
        useCase: .reportDaily, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let daily = try await context.services().reports.daily(scope, as: context.caller)
        var columns = ["manager", "day", "calls", "first_calls"]
        for outcome in daily.amountOutcomes { columns += [outcome, "\(outcome)_amount"] }
        columns += ["not_called", "callbacks_overdue"]
        let rows: [[ConsoleValue]] = daily.rows.map { row in
            var cells: [ConsoleValue] = [.string(row.manager), .string(row.day.description), .int(row.calls), .int(row.firstCalls)]
            for outcome in daily.amountOutcomes {
                let sum = row.amounts[outcome] ?? (0, 0)
                cells += [.int(sum.count), .string(ManagerComparison.money(sum.cents))]
            }
            return cells + [.int(row.notCalled), .int(row.callbacksOverdue)]
        }
        let managers = Set(daily.rows.map(\.manager)).subtracting(["total"]).count
        return ReportCommands.respond(status: ReportCommands.period(scope) + [("managers", .int(managers))], columns: columns, rows: rows, csv: csv)
    }
}
