public import Foundation

/// The morning e-mail of one manager (seed 002: "which clients must I contact today?" and
/// "which did I forget yesterday or last week?"): exactly the agenda of that day — due
/// today, forgotten yesterday, overdue from before — with the call-backs marked, as plain
/// text and HTML. Pure: the agenda comes in, the message goes out.
public struct ManagerDayMail: Sendable {
    public var managerName: String
    public var day: LocalDate
    public var entries: [AgendaEntry]
    /// The manager's time zone, for call-back times.
    public var timeZone: TimeZone
    /// The agenda page (`http.public_url` + `/agenda`), when there is one.
    public var agendaLink: String?

    public init(managerName: String, day: LocalDate, entries: [AgendaEntry], timeZone: TimeZone, agendaLink: String?) {
        self.managerName = managerName
        self.day = day
        self.entries = entries
        self.timeZone = timeZone
        self.agendaLink = agendaLink
    }

    /// The agenda's entries by when they were due.
    public var dueToday: [AgendaEntry] { entries.filter { $0.dueOn.dayNumber >= day.dayNumber } }
    public var forgottenYesterday: [AgendaEntry] { entries.filter { $0.dueOn.dayNumber == day.dayNumber - 1 } }
    public var overdue: [AgendaEntry] { entries.filter { $0.dueOn.dayNumber < day.dayNumber - 1 } }
    public var callbacks: [AgendaEntry] { entries.filter { $0.origin == "callback" } }

    /// Nothing due, nothing forgotten: no mail unless configured otherwise.
    public var isEmpty: Bool { entries.isEmpty }

    public var subject: String {
        var parts = ["\(dueToday.count) due"]
        if !forgottenYesterday.isEmpty { parts.append("\(forgottenYesterday.count) from yesterday") }
        if !overdue.isEmpty { parts.append("\(overdue.count) overdue") }
        return "Your calls for \(day): " + parts.joined(separator: ", ")
    }

    public var text: String {
        var lines = ["Good morning, \(managerName).", ""]
        for (title, list) in sections where !list.isEmpty {
            lines.append("\(title) (\(list.count)):")
            lines += list.map { "  - " + line($0) }
            lines.append("")
        }
        if isEmpty { lines += ["Nothing is due today.", ""] }
        if let agendaLink { lines.append("Your agenda: \(agendaLink)") }
        return lines.joined(separator: "\n")
    }

    public var html: String {
        var out = "<!doctype html><html><body style=\"font-family: sans-serif; color: #1d2430\">"
        out += "<p>Good morning, \(Self.escape(managerName)).</p>"
        for (title, list) in sections where !list.isEmpty {
            out += "<h3 style=\"margin-bottom: 4px\">\(Self.escape(title)) (\(list.count))</h3>"
            out += "<table cellpadding=\"4\" style=\"border-collapse: collapse\">"
            out += "<tr style=\"text-align: left; background: #eef1f5\"><th>Client</th><th>Campaign</th><th>Step</th><th>When</th></tr>"
            for entry in list {
                out += "<tr><td>\(Self.escape(entry.clientName)) (#\(entry.clientID))</td><td>\(Self.escape(entry.campaign))</td>"
                out += "<td>\(Self.escape(entry.step))</td><td>\(Self.escape(when(entry)))</td></tr>"
            }
            out += "</table>"
        }
        if isEmpty { out += "<p>Nothing is due today.</p>" }
        if let agendaLink { out += "<p><a href=\"\(Self.escape(agendaLink))\">Open your agenda</a></p>" }
        return out + "</body></html>"
    }

    private var sections: [(String, [AgendaEntry])] {
        [("Due today", dueToday), ("Forgotten yesterday", forgottenYesterday), ("Overdue from before", overdue)]
    }

    private func line(_ e: AgendaEntry) -> String {
        "\(e.clientName) (#\(e.clientID)), \(e.campaign), \(e.step), \(when(e))"
    }

    /// `call-back at 14:30`, `due 2026-12-01`, or `today`.
    private func when(_ e: AgendaEntry) -> String {
        if let at = e.dueAt {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = e.dueOn.dayNumber == day.dayNumber ? "HH:mm" : "yyyy-MM-dd HH:mm"
            return (e.origin == "callback" ? "call-back at " : "at ") + formatter.string(from: at)
        }
        return e.dueOn.dayNumber >= day.dayNumber ? "today" : "due \(e.dueOn)"
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
