import CallsheetDomain
import CallsheetServices
import Foundation

/// `report managers`, `report rebuild`: the figures administrators run the business on
/// (docs/domain.md#reports). Every report takes the same filters (`--campaign`, `--week` or
/// `--from`/`--to`, `--team`, `--manager`, `--segment`, `--tag`) and prints an aligned table, JSON (`--json`)
/// or CSV (`--csv`, for spreadsheet users). Column meanings: docs/reports.md.
public enum ReportCommands {
    public static let all: [ConsoleCommand] = [managers] + ReportCaseCommands.all + ReportQuestionCommands.all + [rebuild]

    static let managers = ConsoleCommand(
        "report managers",
        usage: "report managers [--campaign C] [--week W | --from D --to D] [--team ADMIN] [--manager M] [--by COLUMN] [--csv [--delimiter comma|semicolon|tab]]",
        summary: "managers side by side: list, calls, reach, conversion, money, handling time, late tasks; ranked",
        useCase: .reportManagers, bulk: true
    ) { context in
        let scope = try context.reportScope()
        let byText = try context.arguments.option("by") ?? "calls"
        guard let column = ManagerComparison.RankColumn(byText) else {
            let figures = ManagerComparison.RankColumn.figures.map(\.description).joined(separator: ", ")
            throw ConsoleError(.invalid, "--by \"\(byText)\" is not a column (\(figures), or an amount outcome such as paid)")
        }
        let csv = try context.csvDelimiter()
        try context.arguments.finish()
        let rows = try await context.services().reports.managers(scope, by: column, as: context.caller)
        let amountOutcomes = Set(rows.flatMap(\.amounts.keys)).sorted()
        var columns = ["rank", "manager", "team", "list", "calls", "reached", "reach", "advanced", "won", "lost", "dnc"]
        columns += amountOutcomes + ["handling_s", "late", "mark", "bar"]
        let marks = ManagerComparison.marks(rows, by: column)
        let top = rows.map { abs($0.value(of: column)) }.max() ?? 0
        let cells: [[ConsoleValue]] = rows.enumerated().map { index, row in
            var line: [ConsoleValue] = [
                .int(index + 1), .string(row.manager), .string(row.team), .int(row.listSize), .int(row.calls), .int(row.reached),
                .string(row.reachRate.map(percent) ?? "-"), .int(row.advanced), .int(row.won), .int(row.lost), .int(row.doNotCall),
            ]
            line += amountOutcomes.map { .string(ManagerComparison.money(row.amounts[$0] ?? 0)) }
            line.append(.string(row.averageHandling.map { String(format: "%.1f", $0) } ?? "-"))
            line.append(.int(row.late))
            line.append(.string(marks[row.manager]?.rawValue ?? ""))
            line.append(.chart(bar(abs(row.value(of: column)), of: top)))
            return line
        }
        let status = period(scope) + [("managers", .int(rows.count)), ("by", .string(column.description))]
        if let csv { return respond(status: status, columns: columns.filter { $0 != "bar" }, rows: cells.map { Array($0.dropLast()) }, csv: csv) }
        return ConsoleResponse(status: status, body: .table(columns: columns, rows: cells))
    }

    static let rebuild = ConsoleCommand(
        "report rebuild", summary: "recompute the report rollups from the call history and check them", useCase: .rebuildReports, changesState: true, bulk: true
    ) { context in
        try context.arguments.finish()
        let result = try await context.services().reports.rebuild(as: context.caller)
        return ConsoleResponse(status: [
            ("rows", .int(result.rows)), ("differing", .int(result.differing)), ("cases_differing", .int(result.casesDiffering)),
            ("lists_differing", .int(result.listsDiffering)), ("tasks_differing", .int(result.tasksDiffering)),
            ("matched", .bool(result.matched)),
        ])
    }

    /// The days a report covers, first in its status line.
    static func period(_ scope: ReportService.Scope) -> [(String, ConsoleValue)] {
        [("from", .string(scope.from.description)), ("to", .string(scope.through.description))]
    }

    /// A report's rows as an aligned table, or as CSV lines with `--csv` (`csv`: its delimiter).
    static func respond(status: [(String, ConsoleValue)], columns: [String], rows: [[ConsoleValue]], csv: Character?) -> ConsoleResponse {
        if let csv { return ConsoleResponse(status: status, body: .lines(CSVText.lines(columns: columns, rows: rows, delimiter: csv))) }
        return ConsoleResponse(status: status, body: .table(columns: columns, rows: rows))
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    /// A bar of up to 20 cells of Unicode blocks (eighths), `value` against `top`.
    static func bar(_ value: Double, of top: Double) -> String {
        guard top > 0, value > 0 else { return "" }
        let eighths = Int((value / top * 160).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}

extension CommandContext {
    /// The filters every report takes, checked (see `ReportService.scope`).
    mutating func reportScope() throws -> ReportService.Scope {
        let campaign = try arguments.option("campaign"), week = try arguments.option("week")
        let from = try arguments.option("from"), to = try arguments.option("to")
        let team = try arguments.option("team"), manager = try arguments.option("manager")
        let segment = try arguments.option("segment"), tag = try arguments.option("tag")
        return try services().reports.scope(campaign: campaign, week: week, from: from, to: to, team: team, manager: manager, segment: segment, tag: tag)
    }

    /// `--csv [--delimiter comma|semicolon|tab]`: the delimiter of a CSV answer, nil for a table.
    mutating func csvDelimiter() throws(ConsoleError) -> Character? {
        let csv = arguments.flag("csv")
        let named = try arguments.option("delimiter")
        guard csv else {
            if named != nil { throw ConsoleError(.syntax, "--delimiter goes with --csv") }
            return nil
        }
        return try CSVText.delimiter(named: named)
    }
}

/// CSV for spreadsheet users (RFC 4180: a field with a comma or quote is quoted, quotes
/// doubled). A line break inside a field becomes a space, so every record is one line of
/// the answer (the console protocol ends an answer at an empty line).
enum CSVText {
    static func lines(columns: [String], rows: [[ConsoleValue]], delimiter: Character = ",") -> [String] {
        [line(columns, delimiter: delimiter)] + rows.map { line($0.map(\.plainText), delimiter: delimiter) }
    }

    /// Excel splits a CSV on the list separator of the computer's locale: `,` in English,
    /// `;` in Polish, Russian, Lithuanian, Romanian or German. Default `comma`.
    static func delimiter(named name: String?) throws(ConsoleError) -> Character {
        switch name?.lowercased() {
        case nil, "comma", ",": return ","
        case "semicolon", ";": return ";"
        case "tab": return "\t"
        case let other?: throw ConsoleError(.syntax, "--delimiter \"\(other)\" is not comma, semicolon or tab")
        }
    }

    /// One record, RFC 4180 quoting; `delimiter` is `,` unless a spreadsheet's locale wants
    /// `;` (Polish, Russian, German Excel) or a tab.
    /// Cells are neutralised against CSV injection (``neutralised(_:)``).
    static func line(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { raw in
            let flat = raw.contains(where: \.isNewline) ? raw.split(whereSeparator: \.isNewline).joined(separator: " ") : raw
            let field = neutralised(flat)
            guard field.contains(where: { $0 == delimiter || $0 == "\"" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(delimiter))
    }

    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
    /// return first: a client named `=HYPERLINK(…)` in an exported sheet) gets a leading `'`,
    /// as OWASP recommends against CSV injection; Excel and LibreOffice show the text as
    /// typed. A cell that is only a number (`-12.50`, `+48 600 100 200`) cannot be a formula
    /// and is left as it is, so amounts and phones stay usable, and so is a lone `-` (no value).
    static func neutralised(_ cell: String) -> String {
        guard cell.unicodeScalars.count > 1, let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        let rest = cell.unicodeScalars.dropFirst()
        let isNumber =
            (first == "+" || first == "-") && rest.first.map { ("0"..."9").contains($0) } == true
            && rest.allSatisfy { ("0"..."9").contains($0) || $0 == " " || $0 == "." || $0 == "," || $0 == "\u{A0}" }
        return isNumber ? cell : "'" + cell
    }
}
