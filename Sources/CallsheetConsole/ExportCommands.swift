import CallsheetDomain
import CallsheetServices
import Foundation

/// `export sheets`: the week's spreadsheets as CSV files inside the answer. The daemon
/// never writes a file at a path a console user names: the files travel in the body, each
/// after a line `==> NAME <==` (a line with no comma, so it can never be a CSV row of
/// these files, which all have several columns), and `callsheetctl … --out DIR` writes
/// them. Column meanings: docs/reports.md.
public enum ExportCommands {
    public static let all: [ConsoleCommand] = [sheets, workbook]

    static let workbook = ConsoleCommand(
        "export workbook",
        usage: "export workbook --campaign C --week 2026-W48   (callsheetctl … --out FILE.xlsx writes the file)",
        summary: "the week as one .xlsx workbook: a sheet per manager and a Totals sheet (funnel, plan, daily tracking)",
        useCase: .exportSheets, bulk: true
    ) { context in
        guard let campaign = try context.arguments.option("campaign") else { throw ConsoleError(.syntax, "'export workbook' needs --campaign NAME") }
        guard let week = try context.arguments.option("week") else { throw ConsoleError(.syntax, "'export workbook' needs --week 2026-W48") }
        try context.arguments.finish()
        let file = try await context.services().reports.weekWorkbook(campaign: campaign, week: week, as: context.caller)
        // Binary in a line protocol: base64 lines under a header callsheetctl knows.
        let text = file.data.base64EncodedString()
        var lines = ["==> \(file.fileName) (base64) <=="]
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return ConsoleResponse(status: [("file", .string(file.fileName)), ("bytes", .int(file.data.count))], body: .lines(lines))
    }

    static let sheets = ConsoleCommand(
        "export sheets",
        usage: "export sheets --campaign C --week 2026-W48 [--delimiter comma|semicolon|tab]   (callsheetctl … --out DIR writes the files)",
        summary: "the week's lists as CSV files: one per manager (clients and statuses) and totals.csv (funnel and the week's plan)",
        useCase: .exportSheets, bulk: true
    ) { context in
        guard let campaign = try context.arguments.option("campaign") else { throw ConsoleError(.syntax, "'export sheets' needs --campaign NAME") }
        guard let week = try context.arguments.option("week") else { throw ConsoleError(.syntax, "'export sheets' needs --week 2026-W48") }
        let delimiter = try CSVText.delimiter(named: try context.arguments.option("delimiter"))
        try context.arguments.finish()
        let sheets = try await context.services().reports.weekSheets(campaign: campaign, week: week, as: context.caller)
        var lines = file("totals.csv", columns: ["section", "name", "value", "share"], rows: totals(sheets), delimiter: delimiter)
        let byManager = Dictionary(grouping: sheets.rows, by: \.manager)
        for login in byManager.keys.sorted() {
            lines += file("manager-\(login).csv", columns: listColumns, rows: byManager[login]!.map(listRow), delimiter: delimiter)
        }
        return ConsoleResponse(
            status: [
                ("campaign", .string(sheets.campaign)), ("week", .string(sheets.week.description)), ("files", .int(byManager.count + 1)),
                ("clients", .int(sheets.rows.count)),
            ], body: .lines(lines))
    }

    static func file(_ name: String, columns: [String], rows: [[String]], delimiter: Character) -> [String] {
        ["==> \(name) <=="] + [CSVText.line(columns, delimiter: delimiter)] + rows.map { CSVText.line($0, delimiter: delimiter) }
    }

    static let listColumns = [
        "client", "name", "contact", "phone", "email", "segment", "step", "state", "offer", "calls", "first_called", "last_call",
        "last_outcome", "amounts", "next_due",
    ]

    static func listRow(_ row: SheetRow) -> [String] {
        let time = { (date: Date?) in date.map(ConsoleValue.timestamp) ?? "" }
        return [
            String(row.clientID), row.name, row.contact ?? "", row.phone ?? "", row.email ?? "", row.segment, row.step, row.state.rawValue, row.offer ?? "",
            String(row.calls), time(row.firstCalledAt), time(row.lastCallAt), row.lastOutcome ?? "", row.amounts ?? "",
            row.nextDueAt.map(ConsoleValue.timestamp) ?? row.nextDueOn?.description ?? "",
        ]
    }

    /// The funnel (as `report funnel`), how cases ended, and the week's calendar plan.
    static func totals(_ sheets: ReportService.WeekSheets) -> [[String]] {
        let funnelRows = ReportCaseCommands.stageRows(sheets.funnel.total, sheets.funnel.stages).map { cells -> [String] in
            let stage = cells[0].plainText
            let section = sheets.funnel.stages.contains(stage) ? "funnel" : "ended"
            return [section, stage, cells[1].plainText, cells[3].plainText]
        }
        return funnelRows + sheets.plan.map { ["plan", $0.step, $0.day?.description ?? "set by the manager", ""] }
    }
}
