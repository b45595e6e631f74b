import CallsheetDomain
import CallsheetServices
import Foundation

/// Seed 002's key questions, one command each (`report untouched`, `report neglected`),
/// and lateness against the time standards (`report late`). Column meanings: docs/reports.md.
enum ReportQuestionCommands {
    static let all: [ConsoleCommand] = [untouched, neglected, late]

    static let untouched = ConsoleCommand(
        "report untouched",
        usage: "report untouched [--campaign C] [--team A] [--manager M] [--segment S] [--tag T] [--limit N] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "clients never called: not assigned, and assigned but never called, with the list",
        useCase: .reportUntouched, bulk: true
    ) { context in
        let scope = try context.undatedReportScope("report untouched")
        let limit = try context.arguments.intOption("limit", in: 0...10_000_000) ?? 100
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let found = try await context.services().reports.untouched(scope, limit: limit, as: context.caller)
        let rows: [[ConsoleValue]] = found.rows.map { client in
            [
                .int(client.clientID), .string(client.name), .string(client.segment), .string(client.manager == nil ? "not-assigned" : "assigned"),
                .string(client.manager ?? "-"), .string(client.assignedAt.map(ConsoleValue.timestamp) ?? "-"),
            ]
        }
        let status: [(String, ConsoleValue)] = [
            ("untouched", .int(found.notAssigned + found.assigned)), ("not_assigned", .int(found.notAssigned)),
            ("assigned", .int(found.assigned)), ("shown", .int(rows.count)),
        ]
        return ReportCommands.respond(status: status, columns: ["client", "name", "segment", "status", "manager", "assigned_at"], rows: rows, csv: csv)
    }

    static let neglected = ConsoleCommand(
        "report neglected",
        usage: "report neglected [--segment S] [--tag T] [--importance N] [--days N] [--campaign C] [--team A] [--manager M] [--limit N] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "important clients without a call in N days (default 30), most important and longest quiet first",
        useCase: .reportNeglected, bulk: true
    ) { context in
        let scope = try context.undatedReportScope("report neglected")
        let days = try context.arguments.intOption("days", in: 1...36_500) ?? 30
        let importance = try context.arguments.intOption("importance", in: 0...10) ?? 0
        let limit = try context.arguments.intOption("limit", in: 0...10_000_000) ?? 100
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let reports = try context.services().reports
        let now = reports.settings.clock()
        let found = try await reports.neglected(scope, days: days, minimumImportance: importance, limit: limit, as: context.caller)
        let rows: [[ConsoleValue]] = found.rows.map { client in
            [
                .int(client.clientID), .string(client.name), .string(client.segment), .int(client.importance),
                .string(client.lastCallAt.map(ConsoleValue.timestamp) ?? "never"),
                .string(client.lastCallAt.map { String(Int(now.timeIntervalSince($0) / 86_400)) } ?? "-"),
                .string(client.lastCaller ?? "-"), .string(client.owner ?? "-"),
            ]
        }
        return ReportCommands.respond(
            status: [("neglected", .int(found.total)), ("days", .int(days)), ("shown", .int(rows.count))],
            columns: ["client", "name", "segment", "importance", "last_call", "days_quiet", "last_by", "owner"], rows: rows, csv: csv)
    }

    static let late = ConsoleCommand(
        "report late",
        usage: "report late [filters] [--totals] [--limit N] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "tasks done after their step's time standard or still open past it, latest first; --totals per manager",
        useCase: .reportLate, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let totals = context.arguments.flag("totals")
        let limit = try context.arguments.intOption("limit", in: 0...10_000_000)
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        if totals, limit != nil { throw ConsoleError(.invalid, "report late --totals has one row per manager: it takes no --limit") }
        let hours = { (value: Double) in String(format: "%.1f", value) }
        if totals {
            let managers = try await context.services().reports.lateTotals(scope, as: context.caller)
            let status = ReportCommands.period(scope) + [("late", .int(managers.map(\.late).reduce(0, +))), ("open", .int(managers.map(\.openLate).reduce(0, +)))]
            let rows: [[ConsoleValue]] = managers.map { total in
                [
                    .string(total.manager), .int(total.late), .int(total.doneLate), .int(total.openLate), .int(total.lateDays), .int(total.worstDays),
                    .string(hours(total.lateHours)),
                ]
            }
            return ReportCommands.respond(
                status: status, columns: ["manager", "late", "done_late", "open_late", "late_days", "worst_days", "late_hours"],
                rows: rows, csv: csv)
        }
        let late = try await context.services().reports.late(scope, as: context.caller)
        let open = late.filter { $0.task.closedAt == nil }.count
        // A bad week has tens of thousands: the latest first, the first --limit (100) of them.
        let shown = late.sorted {
            ($0.lateness.businessDays, $0.hours, -$0.task.taskID) > ($1.lateness.businessDays, $1.hours, -$1.task.taskID)
        }.prefix(limit ?? 100)
        let status = ReportCommands.period(scope) + [("late", .int(late.count)), ("open", .int(open)), ("shown", .int(shown.count))]
        let rows: [[ConsoleValue]] = shown.map { item in
            [
                .string(item.task.manager), .string(item.task.campaign), .string(item.task.client), .string(item.task.step), .int(item.task.taskID),
                .string(item.task.dueOn.description), .string(item.lateness.deadline.description), .string(item.task.closedOn?.description ?? "open"),
                .int(item.lateness.businessDays), .string(hours(item.hours)),
            ]
        }
        return ReportCommands.respond(
            status: status, columns: ["manager", "campaign", "client", "step", "task", "due", "deadline", "done", "late_days", "late_hours"],
            rows: rows, csv: csv)
    }
}

extension CommandContext {
    /// The filters of a report over the whole history: no days to give.
    mutating func undatedReportScope(_ report: String) throws -> ReportService.Scope {
        for option in ["week", "from", "to"] {
            if try arguments.option(option) != nil { throw ConsoleError(.invalid, "\(report) looks at the whole history: it takes no --\(option)") }
        }
        return try reportScope()
    }
}
