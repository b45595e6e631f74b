public import CallsheetDomain
import CallsheetStore
public import Foundation

extension MailService {
    /// The scheduler's and the console's identity in the audit trail.
    static let mailer = Caller(identity: .osUser(uid: 0, name: "mail"), role: .admin)

    /// Puts the morning messages that are due in the outbox: each active manager's once
    /// their `mail.manager_time` has passed in their zone, each administrator's after
    /// `mail.admin_time` in the calendar's zone — on working days (`mail.days`, not a
    /// global holiday), and only when there is something to do or report unless
    /// `mail.send_empty`. However many daemons call this, the outbox's unique key keeps one
    /// message per person, kind and day; a daemon that was down at 07:30 enqueues the
    /// morning's messages when it comes back, the same day. Answers how many it added.
    public func enqueueMorningMessages(now: Date? = nil) async throws -> Int {
        guard settings.from != nil else { return 0 }
        let now = now ?? self.now
        let (managers, admins) = try await database.useCase { tx in
            (try await tx.managers(includeInactive: false), try await tx.administrators())
        }
        var added = 0
        for manager in managers {
            guard manager.email != nil, let zone = TimeZone(identifier: manager.timeZone) else { continue }
            guard let day = morning(now, zone: zone, minute: settings.managerMinute) else { continue }
            if try await enqueue(kind: "manager-day", login: manager.login, day: day, now: now, { try await managerPreview(manager, date: day, as: Self.mailer) }) {
                added += 1
            }
        }
        for admin in admins where admin.email != nil {
            guard let day = morning(now, zone: reports.settings.timeZone, minute: settings.adminMinute) else { continue }
            if try await enqueue(kind: "admin-day", login: admin.login, day: day, now: now, { try await adminPreview(admin, date: day, as: Self.mailer) }) {
                added += 1
            }
        }
        return added
    }

    /// The local day of `now` in `zone` when it is a mail day and `minute` has passed.
    private func morning(_ now: Date, zone: TimeZone, minute: Int) -> LocalDate? {
        let day = LocalDate(now, in: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        guard (parts.hour ?? 0) * 60 + (parts.minute ?? 0) >= minute else { return nil }
        let mailDays = BusinessCalendar(workingDays: settings.workingDays, holidays: calls.campaignSettings.globalHolidays)
        return mailDays.isBusinessDay(day) ? day : nil
    }

    private func enqueue(kind: String, login: String, day: LocalDate, now: Date, _ build: () async throws -> Preview) async throws -> Bool {
        if try await database.useCase({ try await $0.mailQueued(kind: kind, login: login, day: day) }) { return false }
        let preview = try await build()
        guard let address = preview.address else { return false }
        // Nothing to do: kept as `skipped`, so the next rounds of the day do not build it again.
        let skipped = preview.isEmpty && !settings.sendEmpty
        let queued = try await database.useCase { tx in
            try await tx.enqueueMail(
                kind: kind, login: login, address: address, day: day, subject: preview.message.subject, message: preview.message.rendered(),
                messageID: preview.message.messageID, dueAt: now, giveUpAt: now.addingTimeInterval(Double(settings.retryHours) * 3_600), skipped: skipped)
        }
        return queued && !skipped
    }

    /// Sends what is due through `transport`, one message at a time, until none is left;
    /// answers how many were accepted. Temporary failures come back after 1, 2, 4 … minutes
    /// (at most an hour between tries) until `mail.retry_hours` has passed.
    public func sendDue(through transport: any MailTransport, now: (@Sendable () -> Date)? = nil) async throws -> Int {
        guard let from = settings.from else { return 0 }
        let clock = now ?? calls.campaignSettings.clock
        var accepted = 0
        while let mail = try await database.useCase({ try await $0.claimMail(now: clock()) }) {
            let answer = await transport.deliver(mail.message, from: from.text, to: mail.address)
            try await record(answer, of: mail.id, attempts: mail.attempts, now: clock())
            if case .accepted = answer { accepted += 1 }
        }
        return accepted
    }

    /// Marks a message after the relay's answer: sent; failed with the reason; or back in
    /// the queue with a backoff of 1, 2, 4 … minutes (at most an hour).
    func record(_ answer: MailDelivery, of id: Int, attempts: Int, now: Date) async throws {
        try await database.useCase { tx in
            switch answer {
            case .accepted(let reply): try await tx.markMailSent(id: id, reply: reply)
            case .permanent(let reason): try await tx.failMail(id: id, error: reason)
            case .temporary(let reason):
                let wait = min(60.0 * pow(2, Double(max(0, attempts - 1))), 3_600)
                try await tx.retryMail(id: id, error: reason, next: now.addingTimeInterval(wait))
            }
        }
    }

    /// `mail outbox`: the newest messages.
    public func outbox(failedOnly: Bool, limit: Int, as caller: Caller) async throws -> [MailOutboxRecord] {
        try Authorization.check(caller, .listMail)
        return try await database.useCase { try await $0.mailOutbox(failedOnly: failedOnly, limit: limit) }
    }
}
