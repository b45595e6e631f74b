public import CallsheetDomain
import CallsheetStore
import Foundation

/// The daily e-mail (issue 23): what each manager's morning message holds is their agenda
/// of that day, read through the same use case as the agenda page and `agenda` command —
/// so the mail and the page cannot disagree.
public struct MailService: Sendable {
    let database: Database
    let calls: CallService
    public let settings: MailSettings

    init(database: Database, calls: CallService, settings: MailSettings) {
        self.database = database
        self.calls = calls
        self.settings = settings
    }

    /// A manager's morning message for `date` (default: today in their time zone), as it
    /// would be sent now.
    public func preview(login: String, date: LocalDate?, as caller: Caller) async throws -> Preview {
        try Authorization.check(caller, .previewMail)
        guard let manager = try await database.useCase({ try await $0.managers(login: login).first }) else {
            throw ServiceError(.notFound, "no manager '\(login)'")
        }
        let zone = TimeZone(identifier: manager.timeZone) ?? .gmt
        let day = date ?? LocalDate(Date(), in: zone)
        let agenda = try await calls.agenda(for: login, date: day, as: caller)
        let link = settings.publicURL.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/agenda" }
        let mail = ManagerDayMail(managerName: manager.name, day: agenda.day, entries: agenda.entries, timeZone: zone, agendaLink: link)
        let placeholder = EmailAddress("nobody@invalid.example")!
        let message = MailMessage(
            from: settings.from ?? placeholder, fromName: settings.fromName, to: manager.email.flatMap(EmailAddress.init) ?? placeholder, toName: manager.name,
            replyTo: settings.replyTo, subject: mail.subject, text: mail.text, html: mail.html, date: Date(),
            messageID: "<manager-day.\(login).\(agenda.day)@\(settings.from?.text.split(separator: "@").last.map(String.init) ?? "callsheet.invalid")>")
        return Preview(login: login, address: manager.email, day: agenda.day, calls: agenda.entries.count, message: message)
    }

    /// `mail preview`: the message, to whom, and whether it would be sent.
    public struct Preview: Sendable, Equatable {
        public var login: String
        /// Nil: the manager has no address (`manager edit LOGIN --email ADDRESS`).
        public var address: String?
        public var day: LocalDate
        public var calls: Int
        public var message: MailMessage
    }
}
