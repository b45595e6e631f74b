public import CallsheetDomain

/// `mail:` settings: who the daily e-mail comes from and when it goes out.
public struct MailSettings: Sendable, Equatable {
    /// `mail.from`; nil: no e-mail is sent (previews still work, with a placeholder sender).
    public var from: EmailAddress?
    /// `mail.from_name`, default `Callsheet`.
    public var fromName: String
    /// `mail.reply_to`: where answers go (the office), when not to `from`.
    public var replyTo: EmailAddress?
    /// `mail.manager_time`: minutes after midnight in the manager's zone (default 07:30).
    public var managerMinute: Int
    /// `mail.admin_time`: minutes after midnight in the calendar's zone (`calendar.time_zone`,
    /// the zone of `report daily`) when administrators get yesterday's figures (default 08:00).
    public var adminMinute = 8 * 60
    /// `http.public_url` (or the listener's address): links to the agenda page.
    public var publicURL: String?
    /// `mail.days`: the weekdays morning messages go out (default Monday to Friday); the
    /// global holidays (`calendar.holidays`) are skipped too.
    public var workingDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// `mail.send_empty`: send the morning message also when nothing is due (default no).
    public var sendEmpty = false
    /// `mail.retry_hours`: how long temporary failures are retried (default 12).
    public var retryHours = 12
    /// `mail.sendmail`: a `sendmail`-compatible program to hand messages to; nil: none.
    /// With neither it nor `mail.smtp` no message is queued; `mail preview` still works.
    public var sendmail: String?
    /// `mail.interval_seconds`: how often the outbox is looked at (default 60).
    public var intervalSeconds = 60

    public init(from: EmailAddress? = nil, fromName: String = "Callsheet", replyTo: EmailAddress? = nil, managerMinute: Int = 7 * 60 + 30, publicURL: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.replyTo = replyTo
        self.managerMinute = managerMinute
        self.publicURL = publicURL
    }
}
