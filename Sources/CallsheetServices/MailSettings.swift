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
    /// `http.public_url` (or the listener's address): links to the agenda page.
    public var publicURL: String?

    public init(from: EmailAddress? = nil, fromName: String = "Callsheet", replyTo: EmailAddress? = nil, managerMinute: Int = 7 * 60 + 30, publicURL: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.replyTo = replyTo
        self.managerMinute = managerMinute
        self.publicURL = publicURL
    }
}
