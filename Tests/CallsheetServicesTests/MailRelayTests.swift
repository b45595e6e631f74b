import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

@testable import CallsheetDaemon

/// The daily e-mail against a real SMTP server (aiosmtpd on loopback) through the real
/// SMTP client, in domain time: a day's messages arrive once each with the agenda's calls
/// (parsed by Python's e-mail package: headers, both parts, encodings) though two
/// services enqueue and send at once; nothing across midnight before the hour, nothing on
/// the weekend; the administrator's mail is `report daily` of the day before; the relay
/// down → delivered after it comes back; a 550 → failed with the reason, others sent.
@Suite struct MailRelayTests {
    static let admin = Caller(identity: .osUser(uid: 0, name: "root"), role: .admin)

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func services(_ database: Database, relay: SMTPRelay) throws -> UseCases {
        var settings = MailSettings(from: EmailAddress("calls@example.com"), fromName: "Biuro Łódź", replyTo: EmailAddress("office@example.com"), managerMinute: 7 * 60 + 30)
        settings.publicURL = "https://calls.example.com/"
        let transport = try SMTPTransport(settings: SMTPSettings(host: "127.0.0.1", port: relay.port, security: .none))
        return UseCases(
            database: database, settings: DirectorySettings(), campaignSettings: ConsoleTestSession.campaignSettings(now: date("2026-11-23T05:00:00Z")),
            mailSettings: settings, mailTransport: transport)
    }

    @Test func aDaysMessagesArriveOnceEachAndTheWeekendIsQuiet() async throws {
        let relay = try await SMTPRelay.start()
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 12, managers: ["anna", "bart", "cezary"])
            let edits = await CallLoopFixture.at("2026-11-23T05:00:00Z", database).run([
                "manager edit anna --name \"Anna Žemaitė\" --email anna@example.com", "manager edit bart --email bart@example.com",
                "admin edit ewa --email ewa@example.com",
            ])
            #expect(edits.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(edits)")
            let first = try Self.services(database, relay: relay), second = try Self.services(database, relay: relay)

            // Monday 07:31 in Warsaw: both services enqueue and send at once; each manager
            // with an address gets one message (cezary has none; the administrator's 08:00
            // UTC has not come).
            let monday = Self.date("2026-11-23T06:31:00Z")
            async let a = first.mail.enqueueMorningMessages(now: monday)
            async let b = second.mail.enqueueMorningMessages(now: monday)
            #expect(try await a + b == 2)
            async let sentA = first.mail.sendDue(through: first.mail.transport!, now: { monday })
            async let sentB = second.mail.sendDue(through: second.mail.transport!, now: { monday })
            #expect(try await sentA + sentB == 2)
            var messages = try await relay.messages()
            #expect(messages.map(\.rcptTo).sorted() == ["anna@example.com", "bart@example.com"], "once each: \(messages.map(\.rcptTo))")
            #expect(Set(messages.compactMap(\.messageID)).count == 2)

            let anna = try #require(messages.first { $0.rcptTo == "anna@example.com" })
            let agenda = try await first.calls.agenda(for: "anna", date: LocalDate(iso: "2026-11-23")!, as: Self.admin)
            #expect(!agenda.entries.isEmpty)
            #expect(anna.subject == "Your calls for 2026-11-23: \(agenda.entries.count) due", "\(anna.subject)")
            #expect(anna.from == "Biuro Łódź <calls@example.com>" && anna.to == "Anna Žemaitė <anna@example.com>", "RFC 2047 names: \(anna.from) / \(anna.to)")
            #expect(anna.replyTo == "office@example.com" && anna.mailFrom == "calls@example.com" && anna.contentType == "multipart/alternative")
            let text = try #require(anna.part("text/plain")), html = try #require(anna.part("text/html"))
            for part in [text, html] {
                #expect(part.charset == "utf-8" && part.encoding == "quoted-printable")
                #expect(part.text.contains("Anna Žemaitė"), "UTF-8 through quoted-printable")
                for entry in agenda.entries { #expect(part.text.contains("#\(entry.clientID)"), "client \(entry.clientID) of the agenda") }
            }
            #expect(text.text.contains("https://calls.example.com/agenda") && html.text.contains("href=\"https://calls.example.com/agenda\""))

            // Later the same day, and after midnight before 07:30: nothing more.
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-23T15:00:00Z")) == 0)
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-23T23:30:00Z")) == 0, "00:30 Tuesday in Warsaw")
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-24T06:00:00Z")) == 0, "07:00 Tuesday in Warsaw")

            // Tuesday 08:30 UTC: the managers' messages and the administrator's Monday.
            let tuesday = Self.date("2026-11-24T08:30:00Z")
            #expect(try await first.mail.enqueueMorningMessages(now: tuesday) == 3)
            #expect(try await second.mail.sendDue(through: second.mail.transport!, now: { tuesday }) == 3)
            messages = try await relay.messages()
            let ewa = try #require(messages.first { $0.rcptTo == "ewa@example.com" })
            let daily = try await first.reports.daily(
                first.reports.scope(campaign: nil, week: nil, from: "2026-11-23", to: nil, team: "ewa", manager: nil), as: Self.admin)
            #expect(ewa.subject.hasPrefix("Your team on Monday 2026-11-23: "), "\(ewa.subject)")
            let lines = try #require(ewa.part("text/plain")).text.components(separatedBy: "\n")
            for row in daily.rows {
                let line = try #require(lines.first { $0.hasPrefix("  \(row.manager) ") }, "a line for \(row.manager)")
                let numbers = line.split(separator: " ").dropFirst().map(String.init)
                #expect(numbers.first == "\(row.calls)" && numbers.dropLast(3).last.map { _ in true } == true)
                #expect(numbers[numbers.count - 3] == "\(row.notCalled)" && numbers[numbers.count - 2] == "\(row.callbacksOverdue)", "\(line) vs \(row)")
            }
            #expect(try #require(ewa.part("text/plain")).text.contains("Week 2026-W48 so far, seminar: assigned "))

            // Saturday and Sunday: nothing, whatever the hour; Monday again.
            for iso in ["2026-11-28T09:00:00Z", "2026-11-28T20:00:00Z", "2026-11-29T09:00:00Z"] {
                #expect(try await first.mail.enqueueMorningMessages(now: Self.date(iso)) == 0, "\(iso)")
            }
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-30T08:30:00Z")) >= 2)
            #expect(try await first.mail.sendDue(through: first.mail.transport!, now: { Self.date("2026-11-30T08:30:00Z") }) >= 2)
            let days = try await first.mail.outbox(failedOnly: false, limit: 100, as: Self.admin).compactMap { $0.day?.description }
            #expect(!days.contains("2026-11-28") && !days.contains("2026-11-29") && days.contains("2026-11-30"), "\(days)")
        }
        await relay.remove()
    }

    @Test func theRelayDownThenBackAndA550() async throws {
        let first = try await SMTPRelay.start(reject: ["bart@example.com"])
        await first.stop()
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 6, managers: ["anna", "bart"])
            _ = await CallLoopFixture.at("2026-11-23T05:00:00Z", database).run([
                "manager edit anna --email anna@example.com", "manager edit bart --email bart@example.com",
            ])
            let services = try Self.services(database, relay: first)
            let monday = Self.date("2026-11-23T06:31:00Z")
            #expect(try await services.mail.enqueueMorningMessages(now: monday) == 2)
            #expect(try await services.mail.sendDue(through: services.mail.transport!, now: { monday }) == 0, "the relay is down")
            var outbox = try await services.mail.outbox(failedOnly: false, limit: 10, as: Self.admin)
            #expect(outbox.allSatisfy { $0.state == "pending" && $0.attempts == 1 && ($0.lastError ?? "").contains("cannot connect") }, "\(outbox)")

            let back = try await SMTPRelay.start(reject: ["bart@example.com"], port: first.port, directory: first.directory)
            #expect(try await services.mail.sendDue(through: services.mail.transport!, now: { monday.addingTimeInterval(30) }) == 0, "not before the next try")
            #expect(try await services.mail.sendDue(through: services.mail.transport!, now: { monday.addingTimeInterval(61) }) == 1)
            outbox = try await services.mail.outbox(failedOnly: false, limit: 10, as: Self.admin)
            let anna = try #require(outbox.first { $0.login == "anna" }), bart = try #require(outbox.first { $0.login == "bart" })
            #expect(anna.state == "sent" && anna.attempts == 2 && (anna.lastError ?? "").hasPrefix("250 2.0.0 Ok: queued as"), "\(anna)")
            #expect(bart.state == "failed" && (bart.lastError ?? "").contains("550 5.1.1 <bart@example.com>: mailbox unavailable"), "\(bart)")
            #expect(try await back.messages().map(\.rcptTo) == ["anna@example.com"])
            #expect(try await services.mail.sendDue(through: services.mail.transport!, now: { monday.addingTimeInterval(7_200) }) == 0, "nothing twice")
            await back.remove()
        }
    }
}
