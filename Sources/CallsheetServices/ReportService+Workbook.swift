public import CallsheetDomain
import CallsheetStore
public import Foundation
import ZIPFoundation

extension ReportService {
    /// `export workbook` and the board's download: the week as one `.xlsx` file — a
    /// Totals sheet (the funnel with conversions, how cases ended, the week's plan, and
    /// the daily tracking per manager and day) and a sheet per manager with their clients,
    /// contact data, statuses, outcomes and amounts, as seed 004's weekly spreadsheet lays
    /// them out. Numbers are numbers, money has two decimals, dates are dates.
    public func weekWorkbook(campaign name: String, week text: String, as caller: Caller) async throws -> (fileName: String, data: Data) {
        let sheets = try await weekSheets(campaign: name, week: text, as: caller)
        let daily = try await self.daily(
            Scope(campaign: name, from: sheets.week.monday, through: sheets.week.monday.adding(days: 6), team: nil, manager: nil), as: caller)
        let workbook = Self.workbook(sheets, daily: daily, timeZone: settings.timeZone)
        let archive = try Archive(accessMode: .create)
        for part in SpreadsheetML.parts(of: workbook) {
            let data = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: settings.clock(), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        guard let bytes = archive.data else { throw ServiceError(.unavailable, "the workbook could not be written") }
        return ("\(sheets.campaign)-\(sheets.week).xlsx", bytes)
    }

    static func workbook(_ sheets: WeekSheets, daily: DailyTracking, timeZone: TimeZone) -> Workbook {
        typealias Cell = Workbook.Cell
        var totals: [[Cell]] = [[.heading("Campaign"), .text(sheets.campaign)], [.heading("Week"), .text(sheets.week.description)], []]
        totals.append([.heading("Stage"), .heading("Cases"), .heading("Conversion")])
        let total = sheets.funnel.total
        for (index, stage) in sheets.funnel.stages.enumerated() {
            totals.append([.text(stage), .integer(total.stages[index]), total.conversion(at: index).map(Cell.percent) ?? .empty])
        }
        totals.append([])
        totals.append([.heading("Ended"), .heading("Cases")])
        for (reason, count) in total.refused.sorted(by: { $0.key < $1.key }) { totals.append([.text("lost: \(reason)"), .integer(count)]) }
        totals += [
            [.text("unreachable"), .integer(total.unreachable)], [.text("do-not-call"), .integer(total.doNotCall)],
            [.text("cancelled"), .integer(total.cancelled)], [.text("open"), .integer(total.open)], [],
        ]
        totals.append([.heading("Step"), .heading("Planned day")])
        for step in sheets.plan { totals.append([.text(step.step), step.day.map(Cell.date) ?? .text("set by the manager")]) }
        totals.append([])
        var header: [Cell] = [.heading("Manager"), .heading("Day"), .heading("Calls"), .heading("First calls")]
        for outcome in daily.amountOutcomes { header += [.heading(outcome), .heading("\(outcome) amount")] }
        totals.append(header + [.heading("Not yet called"), .heading("Call-backs overdue")])
        for row in daily.rows {
            var cells: [Cell] = [row.manager == "total" ? .heading("total") : .text(row.manager), .date(row.day), .integer(row.calls), .integer(row.firstCalls)]
            for outcome in daily.amountOutcomes {
                let sum = row.amounts[outcome] ?? (0, 0)
                cells += [.integer(sum.count), .money(sum.cents)]
            }
            totals.append(cells + [.integer(row.notCalled), .integer(row.callbacksOverdue)])
        }
        var result = [Workbook.Sheet(name: "Totals", rows: totals, widths: [22, 12, 12, 12])]
        var taken: Set<String> = ["totals"]
        let moneyOutcomes = daily.amountOutcomes
        for (manager, rows) in Dictionary(grouping: sheets.rows, by: \.manager).sorted(by: { $0.key < $1.key }) {
            let name = Workbook.sheetName(manager, taken: taken)
            taken.insert(name.lowercased())
            var table: [[Cell]] = [
                ["Client", "Name", "Contact", "Phone", "E-mail", "Segment", "Step", "State", "Offer", "Calls", "First called", "Last call", "Last outcome"]
                    .map(Cell.heading) + moneyOutcomes.map(Cell.heading) + [.heading("Next due")]
            ]
            for row in rows {
                let amounts = Self.amounts(row.amounts)
                var cells: [Cell] = [
                    .integer(row.clientID), .text(row.name), row.contact.map(Cell.text) ?? .empty, row.phone.map(Cell.text) ?? .empty,
                    row.email.map(Cell.text) ?? .empty, .text(row.segment), .text(row.step), .text(row.state.rawValue), row.offer.map(Cell.text) ?? .empty,
                    .integer(row.calls), row.firstCalledAt.map(Cell.dateTime) ?? .empty, row.lastCallAt.map(Cell.dateTime) ?? .empty,
                    row.lastOutcome.map(Cell.text) ?? .empty,
                ]
                cells += moneyOutcomes.map { amounts[$0].map(Cell.money) ?? .empty }
                cells.append(row.nextDueAt.map(Cell.dateTime) ?? row.nextDueOn.map(Cell.date) ?? .empty)
                table.append(cells)
            }
            result.append(Workbook.Sheet(name: name, rows: table, widths: [8, 28, 20, 16, 26, 10, 10, 10, 10, 6, 17, 17, 12]))
        }
        return Workbook(sheets: result, timeZone: timeZone)
    }

    /// `invoiced 1500.00; paid 1500.00` → cents per outcome (summed when repeated).
    static func amounts(_ text: String?) -> [String: Int64] {
        var sums: [String: Int64] = [:]
        for part in (text ?? "").split(separator: ";") {
            let words = part.split(separator: " ")
            guard words.count == 2, let cents = ManagerComparison.cents(String(words[1])) else { continue }
            sums[String(words[0]), default: 0] += cents
        }
        return sums
    }
}
