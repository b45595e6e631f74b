public import CallsheetDomain
import CallsheetStore
public import Foundation

/// The daily e-mail (issue 23). A manager's morning message is their agenda of that day,
/// read through the same use case as the agenda page and the `agenda` command; an
/// administrator's is `report daily` of the previous working day for their team, the
/// week's funnel and who is late, read through the report use cases — so neither mail can
/// disagree with what the screens and the console show.
public struct MailService: Sendable {
    let database: Database
    let calls: CallService
    let reports: ReportService
    public let settings: MailSettings
    /// SMTP or sendmail (the daemon's); nil: nothing can be sent.
    public let transport: (any MailTransport)?

    init(database: Database, calls: CallService, reports: ReportService, settings: MailSettings, transport: (any MailTransport)?) {
        self.database = database
        self.calls = calls
        self.reports = reports
        self.settings = settings
        self.transport = transport
    }

    /// The domain clock (the campaigns' `clock`, which tests move).
    var now: Date { calls.campaignSettings.clock() }

    /// The morning message of a manager or an administrator for `date` (default: today in
    /// their time zone), as it would be sent now.
    public func preview(login: String, date: LocalDate?, as caller: Caller) async throws -> Preview {
        try Authorization.check(caller, .previewMail)
        if let manager = try await database.useCase({ try await $0.managers(login: login).first }) {
            return try await managerPreview(manager, date: date, as: caller)
        }
        if let admin = try await database.useCase({ try await $0.administrators(login: login).first }) {
            return try await adminPreview(admin, date: date, as: caller)
        }
        throw ServiceError(.notFound, "no manager or administrator '\(login)'")
    }

    func managerPreview(_ manager: ManagerRecord, date: LocalDate?, as caller: Caller) async throws -> Preview {
        let zone = TimeZone(identifier: manager.timeZone) ?? .gmt
        let day = date ?? LocalDate(now, in: zone)
        let agenda = try await calls.agenda(for: manager.login, date: day, as: caller)
        let mail = ManagerDayMail(managerName: manager.name, day: agenda.day, entries: agenda.entries, timeZone: zone, agendaLink: link("/agenda"))
        let message = message(to: manager.email, name: manager.name, subject: mail.subject, text: mail.text, html: mail.html, id: "manager-day.\(manager.login).\(day)")
        return Preview(kind: "manager-day", login: manager.login, address: manager.email, day: day, calls: agenda.entries.count, isEmpty: mail.isEmpty, message: message)
    }

    /// Yesterday's figures of an administrator's team: the working day before `date`
    /// (Monday's mail reports Friday), in the calendar's zone — the zone of `report daily`.
    func adminPreview(_ admin: AdministratorRecord, date: LocalDate?, as caller: Caller) async throws -> Preview {
        let mailDay = date ?? LocalDate(now, in: reports.settings.timeZone)
        let calendar = BusinessCalendar(workingDays: settings.workingDays, holidays: reports.settings.globalHolidays)
        var day = mailDay.adding(days: -1)
        while !calendar.isBusinessDay(day) && day > mailDay.adding(days: -14) { day = day.adding(days: -1) }
        let week = ISOWeek(containing: day)
        let yesterday = ReportService.Scope(campaign: nil, from: day, through: day, team: admin.login, manager: nil)
        let weekSoFar = ReportService.Scope(campaign: nil, from: week.monday, through: day, team: admin.login, manager: nil)
        let daily = try await reports.daily(yesterday, as: caller)
        func late(_ totals: [ReportService.LateTotal]) -> [AdminDayMail.Late] {
            totals.filter { $0.late > 0 }.map { AdminDayMail.Late(manager: $0.manager, tasks: $0.late, worstDays: $0.worstDays) }
        }
        let lateOnDay = late(try await reports.lateTotals(yesterday, as: caller))
        let lateThisWeek = late(try await reports.lateTotals(weekSoFar, as: caller))
        var funnels: [AdminDayMail.CampaignFunnel] = []
        for campaign in try await database.useCase({ try await $0.campaigns() }) where campaign.state != .closed {
            let scope = ReportService.Scope(campaign: campaign.name, from: week.monday, through: week.monday.adding(days: 6), team: admin.login, manager: nil)
            let funnel = try await reports.funnel(scope, by: .none, as: caller)
            if funnel.total.assigned > 0 { funnels.append(.init(campaign: campaign.name, funnel: funnel)) }
        }
        let mail = AdminDayMail(
            adminName: admin.name, day: day, daily: daily, lateOnDay: lateOnDay, week: week, funnels: funnels, lateThisWeek: lateThisWeek,
            boardLink: link("/board"))
        let message = message(to: admin.email, name: admin.name, subject: mail.subject, text: mail.text, html: mail.html, id: "admin-day.\(admin.login).\(mailDay)")
        return Preview(kind: "admin-day", login: admin.login, address: admin.email, day: mailDay, calls: mail.total?.calls ?? 0, isEmpty: mail.isEmpty, message: message)
    }

    private func link(_ path: String) -> String? {
        settings.publicURL.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + path }
    }

    func message(to address: String?, name: String, subject: String, text: String, html: String, id: String) -> MailMessage {
        let placeholder = EmailAddress("nobody@invalid.example")!
        return MailMessage(
            from: settings.from ?? placeholder, fromName: settings.fromName, to: address.flatMap(EmailAddress.init) ?? placeholder, toName: name,
            replyTo: settings.replyTo, subject: subject, text: text, html: html, date: now,
            messageID: "<\(id)@\(settings.from?.domain ?? "callsheet.invalid")>")
    }

    /// `mail preview`: the message, to whom, and whether it would be sent.
    public struct Preview: Sendable, Equatable {
        /// `manager-day` or `admin-day`.
        public var kind: String
        public var login: String
        /// Nil: the person has no address (`manager|admin edit LOGIN --email ADDRESS`).
        public var address: String?
        /// The day the mail is for (an administrator's reports the working day before).
        public var day: LocalDate
        /// A manager's calls on the agenda; an administrator's team's calls that day.
        public var calls: Int
        /// Nothing to do or to report: not sent unless `mail.send_empty`.
        public var isEmpty: Bool
        public var message: MailMessage
    }
}
