public import CallsheetDomain
import CallsheetStore
public import Foundation

extension MailService {
    /// The scheduler's and the console's identity in the audit trail.
    static let mailer = Caller(identity: .osUser(uid: 0, name: "mail"), role: .admin)

    /// Puts each active manager's morning message of their local today in the outbox, once
    /// their `mail.manager_time` has passed on a working day (Monday to Friday, not a global
    /// holiday), unless there is nothing to do. However many daemons call this, the
    /// outbox's unique key keeps one message per manager and day; a daemon that was down
    /// at 07:30 enqueues the morning's messages when it comes back, the same day.
    /// Answers how many it added.
    public func enqueueMorningMessages(now: Date = Date()) async throws -> Int {
        guard settings.from != nil else { return 0 }
        let managers = try await database.useCase { try await $0.managers(includeInactive: false) }
        var added = 0
        for manager in managers {
            guard let email = manager.email, let zone = TimeZone(identifier: manager.timeZone) else { continue }
            let day = LocalDate(now, in: zone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.hour, .minute], from: now)
            guard (parts.hour ?? 0) * 60 + (parts.minute ?? 0) >= settings.managerMinute else { continue }
            guard BusinessCalendar(holidays: calls.campaignSettings.globalHolidays).isBusinessDay(day) else { continue }
            if try await database.useCase({ try await $0.mailQueued(kind: "manager-day", login: manager.login, day: day) }) { continue }
            let preview = try await preview(login: manager.login, date: day, as: Self.mailer)
            guard preview.calls > 0 || settings.sendEmpty else { continue }
            let queued = try await database.useCase { tx in
                try await tx.enqueueMail(
                    kind: "manager-day", login: manager.login, address: email, day: day, subject: preview.message.subject,
                    message: preview.message.rendered(), messageID: preview.message.messageID, dueAt: now, giveUpAt: now.addingTimeInterval(Double(settings.retryHours) * 3_600))
            }
            if queued { added += 1 }
        }
        return added
    }

    /// Sends what is due through `transport`, one message at a time, until none is left;
    /// answers how many were accepted. Temporary failures come back after 1, 2, 4 … minutes
    /// (at most an hour between tries) until `mail.retry_hours` has passed.
    public func sendDue(through transport: any MailTransport, now: @Sendable () -> Date = { Date() }) async throws -> Int {
        guard let from = settings.from else { return 0 }
        var accepted = 0
        while let mail = try await database.useCase({ try await $0.claimMail(now: now()) }) {
            let answer = await transport.deliver(mail.message, from: from.text, to: mail.address)
            try await database.useCase { tx in
                switch answer {
                case .accepted(let reply): try await tx.markMailSent(id: mail.id, reply: reply)
                case .permanent(let reason): try await tx.failMail(id: mail.id, error: reason)
                case .temporary(let reason):
                    let wait = min(60.0 * pow(2, Double(max(0, mail.attempts - 1))), 3_600)
                    try await tx.retryMail(id: mail.id, error: reason, next: now().addingTimeInterval(wait))
                }
            }
            if case .accepted = answer { accepted += 1 }
        }
        return accepted
    }

    /// `mail outbox`: the newest messages.
    public func outbox(failedOnly: Bool, limit: Int, as caller: Caller) async throws -> [MailOutboxRecord] {
        try Authorization.check(caller, .listMail)
        return try await database.useCase { try await $0.mailOutbox(failedOnly: failedOnly, limit: limit) }
    }
}
