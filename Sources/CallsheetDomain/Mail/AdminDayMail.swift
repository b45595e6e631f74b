import Foundation

/// An administrator's morning e-mail (seed 004: every day the administrator checks what
/// each manager called, invoiced and was paid): the previous working day per manager of
/// their team — the rows of `report daily` for that day, with how many tasks each left
/// late — the week's funnel so far per campaign, and who is late this week. Pure: the
/// reports come in, the message goes out.
public struct AdminDayMail: Sendable {
    /// One manager's late tasks (`report late --totals`).
    public struct Late: Sendable, Equatable {
        public var manager: String
        public var tasks: Int
        /// The most business days any one task is late.
        public var worstDays: Int

        public init(manager: String, tasks: Int, worstDays: Int) {
            self.manager = manager
            self.tasks = tasks
            self.worstDays = worstDays
        }
    }

    /// A campaign's funnel of the week's waves, so far.
    public struct CampaignFunnel: Sendable {
        public var campaign: String
        public var funnel: Funnel

        public init(campaign: String, funnel: Funnel) {
            self.campaign = campaign
            self.funnel = funnel
        }
    }

    public var adminName: String
    /// The day reported: the working day before the mail's day.
    public var day: LocalDate
    /// `report daily` of `day` for the team.
    public var daily: DailyTracking
    /// Tasks due on `day` that were done late or are still open past their standard.
    public var lateOnDay: [Late]
    public var week: ISOWeek
    public var funnels: [CampaignFunnel]
    /// Late tasks of the week so far.
    public var lateThisWeek: [Late]
    /// The board page, when `http.public_url` is set.
    public var boardLink: String?

    public init(
        adminName: String, day: LocalDate, daily: DailyTracking, lateOnDay: [Late], week: ISOWeek, funnels: [CampaignFunnel], lateThisWeek: [Late],
        boardLink: String?
    ) {
        self.adminName = adminName
        self.day = day
        self.daily = daily
        self.lateOnDay = lateOnDay
        self.week = week
        self.funnels = funnels
        self.lateThisWeek = lateThisWeek
        self.boardLink = boardLink
    }

    /// `Friday`.
    var dayName: String { "\(day.weekday)".capitalized }

    /// The managers' rows of `day`, then the team's total.
    public var rows: [DailyTracking.Row] { daily.rows.filter { $0.day == day && $0.manager != "total" } }
    public var total: DailyTracking.Row? { daily.rows.first { $0.day == day && $0.manager == "total" } }

    /// No manager with a list or a call, no funnel: nothing to report.
    public var isEmpty: Bool { rows.isEmpty && funnels.allSatisfy { $0.funnel.total.assigned == 0 } }

    public var subject: String {
        let total = total ?? DailyTracking.Row(manager: "total", day: day)
        var parts = ["\(total.calls) calls"]
        for outcome in daily.amountOutcomes { parts.append("\(total.amounts[outcome]?.count ?? 0) \(outcome)") }
        let late = lateOnDay.reduce(0) { $0 + $1.tasks }
        if late > 0 { parts.append("\(late) late") }
        return "Your team on \(dayName) \(day): " + parts.joined(separator: ", ")
    }

    /// The table's columns: manager, calls, first calls, count and amount per money
    /// outcome, not yet called, call-backs overdue, late.
    public var columns: [String] {
        ["Manager", "Calls", "First calls"] + daily.amountOutcomes.flatMap { [$0.capitalized, "\($0.capitalized) amount"] }
            + ["Not yet called", "Call-backs overdue", "Late"]
    }

    public func cells(_ row: DailyTracking.Row) -> [String] {
        let late = row.manager == "total" ? lateOnDay.reduce(0) { $0 + $1.tasks } : lateOnDay.first { $0.manager == row.manager }?.tasks ?? 0
        var cells = [row.manager, "\(row.calls)", "\(row.firstCalls)"]
        for outcome in daily.amountOutcomes {
            let sum = row.amounts[outcome] ?? (0, 0)
            cells += ["\(sum.count)", ManagerComparison.money(sum.cents)]
        }
        return cells + ["\(row.notCalled)", "\(row.callbacksOverdue)", "\(late)"]
    }

    /// `assigned 40 → called 31 (78%) → reached 20 (65%) → …`
    public static func funnelLine(_ funnel: Funnel) -> String {
        funnel.stages.enumerated().map { index, stage in
            let count = funnel.total.stages[index]
            guard let rate = funnel.total.conversion(at: index) else { return "\(stage) \(count)" }
            return "\(stage) \(count) (\(Int((rate * 100).rounded()))%)"
        }.joined(separator: " → ")
    }

    public static func lateLine(_ late: Late) -> String {
        "\(late.manager): \(late.tasks) task\(late.tasks == 1 ? "" : "s") late, the worst by \(late.worstDays) business day\(late.worstDays == 1 ? "" : "s")"
    }

    public var text: String {
        var lines = ["Good morning, \(adminName).", "", "\(dayName) \(day), per manager:"]
        let table = (rows + (total.map { [$0] } ?? [])).map(cells)
        let widths = columns.indices.map { column in ([columns[column]] + table.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        lines.append("  " + line(columns))
        lines += table.map { "  " + line($0) }
        if rows.isEmpty { lines.append("  (no manager had a list or a call)") }
        lines.append("")
        for campaign in funnels where campaign.funnel.total.assigned > 0 {
            lines.append("Week \(week) so far, \(campaign.campaign): " + Self.funnelLine(campaign.funnel))
        }
        lines.append("")
        if lateThisWeek.isEmpty {
            lines.append("Nobody is late this week.")
        } else {
            lines.append("Late this week:")
            lines += lateThisWeek.map { "  - " + Self.lateLine($0) }
        }
        if let boardLink { lines += ["", "The board: \(boardLink)"] }
        return lines.joined(separator: "\n")
    }

    public var html: String {
        let escape = ManagerDayMail.escape
        var out = "<!doctype html><html><body style=\"font-family: sans-serif; color: #1d2430\">"
        out += "<p>Good morning, \(escape(adminName)).</p><h3>\(escape(dayName)) \(day), per manager</h3>"
        out += "<table cellpadding=\"4\" style=\"border-collapse: collapse\"><tr style=\"background: #eef1f5\">"
        out += columns.enumerated().map { "<th style=\"text-align: \($0.offset == 0 ? "left" : "right")\">\(escape($0.element))</th>" }.joined() + "</tr>"
        for row in rows + (total.map { [$0] } ?? []) {
            let weight = row.manager == "total" ? "font-weight: bold; " : ""
            out += "<tr>" + cells(row).enumerated().map { "<td style=\"\(weight)text-align: \($0.offset == 0 ? "left" : "right")\">\(escape($0.element))</td>" }.joined() + "</tr>"
        }
        out += "</table>"
        if rows.isEmpty { out += "<p>No manager had a list or a call.</p>" }
        for campaign in funnels where campaign.funnel.total.assigned > 0 {
            out += "<p><strong>Week \(week) so far, \(escape(campaign.campaign))</strong>: \(escape(Self.funnelLine(campaign.funnel)))</p>"
        }
        if lateThisWeek.isEmpty {
            out += "<p>Nobody is late this week.</p>"
        } else {
            out += "<h3>Late this week</h3><ul>" + lateThisWeek.map { "<li>\(escape(Self.lateLine($0)))</li>" }.joined() + "</ul>"
        }
        if let boardLink { out += "<p><a href=\"\(escape(boardLink))\">Open the board</a></p>" }
        return out + "</body></html>"
    }
}
