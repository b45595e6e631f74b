import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Synchronization
import Testing

/// The daily e-mail's outbox at service level, in domain time: one message per manager and
/// day whoever enqueues it, only after `mail.manager_time` on a working day, each sent
/// once, temporary failures retried, permanent ones kept with the relay's reason.
@Suite struct MailOutboxTests {
    /// A relay that answers as told and remembers what it took.
    final class FakeRelay: MailTransport, Sendable {
        let answers = Mutex<[MailDelivery]>([])
        let taken = Mutex<[(to: String, message: String)]>([])

        func deliver(_ message: String, from: String, to: String) async -> MailDelivery {
            let answer = answers.withLock { $0.isEmpty ? .accepted("250 ok") : $0.removeFirst() }
            if case .accepted = answer { taken.withLock { $0.append((to, message)) } }
            return answer
        }
    }

    static func services(_ database: Database, at iso: String) -> UseCases {
        let now = ISO8601DateFormatter().date(from: iso)!
        return UseCases(
            database: database, settings: DirectorySettings(), campaignSettings: ConsoleTestSession.campaignSettings(now: now),
            mailSettings: MailSettings(from: EmailAddress("calls@example.com"), managerMinute: 7 * 60 + 30))
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func oneMorningMessagePerManagerAndDaySentOnce() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 12, managers: ["anna", "bart"])
            let edit = await CallLoopFixture.at("2026-11-23T05:00:00Z", database).run(["manager edit anna --email anna@example.com"])
            #expect(edit.first?.last?.hasPrefix("OK") == true, "\(edit)")
            let first = Self.services(database, at: "2026-11-23T05:00:00Z"), second = Self.services(database, at: "2026-11-23T05:00:00Z")

            // 07:00 in Warsaw: not yet. 07:31: anna's (bart has no address).
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-23T06:00:00Z")) == 0)
            async let a = first.mail.enqueueMorningMessages(now: Self.date("2026-11-23T06:31:00Z"))
            async let b = second.mail.enqueueMorningMessages(now: Self.date("2026-11-23T06:31:00Z"))
            #expect(try await a + b == 1, "two daemons enqueue one message")
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-23T10:00:00Z")) == 0, "once a day")

            let relay = FakeRelay()
            async let sentA = first.mail.sendDue(through: relay, now: { Self.date("2026-11-23T06:31:00Z") })
            async let sentB = second.mail.sendDue(through: relay, now: { Self.date("2026-11-23T06:31:00Z") })
            #expect(try await sentA + sentB == 1 && relay.taken.withLock { $0.count } == 1, "sent once by two senders")
            let message = relay.taken.withLock { $0[0] }
            #expect(message.to == "anna@example.com" && message.message.contains("Subject: Your calls for 2026-11-23"))
            let outbox = try await first.mail.outbox(failedOnly: false, limit: 10, as: Self.admin)
            #expect(outbox.count == 1 && outbox[0].state == "sent" && outbox[0].day?.description == "2026-11-23")

            // Saturday: no message, whatever the time.
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-28T09:00:00Z")) == 0)
            // Tuesday: the relay is down, then back.
            #expect(try await first.mail.enqueueMorningMessages(now: Self.date("2026-11-24T07:00:00Z")) == 1)
            relay.answers.withLock { $0 = [.temporary("connection refused")] }
            #expect(try await first.mail.sendDue(through: relay, now: { Self.date("2026-11-24T07:00:00Z") }) == 0)
            let waiting = try await first.mail.outbox(failedOnly: false, limit: 1, as: Self.admin)[0]
            #expect(waiting.state == "pending" && waiting.attempts == 1 && waiting.lastError == "connection refused", "\(waiting)")
            #expect(try await first.mail.sendDue(through: relay, now: { Self.date("2026-11-24T07:00:30Z") }) == 0, "not before its next try")
            #expect(try await first.mail.sendDue(through: relay, now: { Self.date("2026-11-24T07:01:00Z") }) == 1, "delivered once the relay is back (its next try is due)")
        }
    }

    @Test func aPermanentFailureIsKeptWithTheReason() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 4, managers: ["anna", "bart"])
            _ = await CallLoopFixture.at("2026-11-23T05:00:00Z", database).run([
                "manager edit anna --email anna@example.com", "manager edit bart --email bart@example.com",
            ])
            let services = Self.services(database, at: "2026-11-23T05:00:00Z")
            #expect(try await services.mail.enqueueMorningMessages(now: Self.date("2026-11-23T07:00:00Z")) == 2)
            let relay = FakeRelay()
            relay.answers.withLock { $0 = [.permanent("550 5.1.1 no such mailbox")] }
            #expect(try await services.mail.sendDue(through: relay, now: { Self.date("2026-11-23T07:00:00Z") }) == 1, "the other message still goes")
            let failed = try await services.mail.outbox(failedOnly: true, limit: 10, as: Self.admin)
            #expect(failed.count == 1 && failed[0].lastError == "550 5.1.1 no such mailbox" && failed[0].attempts == 1)
        }
    }

    static let admin = Caller(identity: .osUser(uid: 0, name: "root"), role: .admin)
}
