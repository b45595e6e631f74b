import CallsheetDomain
import Foundation
import Testing

@Suite struct ManagerDayMailTests {
    static let day = LocalDate(iso: "2026-12-07")!

    static func entry(_ task: Int, _ name: String, dueOn: String, origin: String = "wave", dueAt: Date? = nil) -> AgendaEntry {
        AgendaEntry(
            taskID: task, campaign: "seminar", clientID: task * 10, clientName: name, step: "offer", origin: origin, dueOn: LocalDate(iso: dueOn)!,
            dueAt: dueAt, manager: "anna")
    }

    @Test func listsTheAgendaByWhenItWasDue() {
        let callbackAt = ISO8601DateFormatter().date(from: "2026-12-07T13:30:00Z")!
        let mail = ManagerDayMail(
            managerName: "Anna", day: Self.day,
            entries: [
                Self.entry(1, "Kowalski & Syn <sp. z o.o.>", dueOn: "2026-12-07"), Self.entry(2, "Nowak", dueOn: "2026-12-06"),
                Self.entry(3, "Wiśniewska", dueOn: "2026-11-30"), Self.entry(4, "Zieliński", dueOn: "2026-12-07", origin: "callback", dueAt: callbackAt),
            ],
            timeZone: TimeZone(identifier: "Europe/Warsaw")!, agendaLink: "https://calls.example.com/agenda")
        #expect(mail.subject == "Your calls for 2026-12-07: 2 due, 1 from yesterday, 1 overdue")
        #expect(mail.dueToday.map(\.taskID) == [1, 4] && mail.forgottenYesterday.map(\.taskID) == [2] && mail.overdue.map(\.taskID) == [3])
        #expect(mail.text.contains("Due today (2):") && mail.text.contains("Zieliński (#40), seminar, offer, call-back at 14:30"), "\(mail.text)")
        #expect(mail.text.contains("Nowak (#20), seminar, offer, due 2026-12-06"))
        #expect(mail.text.contains("Your agenda: https://calls.example.com/agenda"))
        #expect(mail.html.contains("Kowalski &amp; Syn &lt;sp. z o.o.&gt;") && !mail.html.contains("<sp. z o.o.>"), "names are escaped in HTML")
        #expect(!mail.isEmpty)
    }

    @Test func anEmptyDayIsEmpty() {
        let mail = ManagerDayMail(managerName: "Anna", day: Self.day, entries: [], timeZone: .gmt, agendaLink: nil)
        #expect(mail.isEmpty && mail.text.contains("Nothing is due today.") && !mail.text.contains("agenda:"))
    }
}
