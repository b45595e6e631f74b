public import Foundation

/// One message of the outbox: what, to whom, and how sending it has gone.
public struct MailOutboxRecord: Sendable, Equatable {
    public var id: Int
    /// `manager-day`, `admin-day`, `manual`, `test`.
    public var kind: String
    public var login: String?
    public var address: String
    public var day: LocalDate?
    public var subject: String
    /// The rendered message (empty in listings).
    public var message: String
    public var messageID: String
    /// `pending`, `sending`, `sent`, `failed`.
    public var state: String
    public var attempts: Int
    /// The relay's last answer (its reason for a failure, its `250` line once sent).
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var giveUpAt: Date

    public init(
        id: Int, kind: String, login: String?, address: String, day: LocalDate?, subject: String, message: String, messageID: String, state: String,
        attempts: Int, lastError: String?, createdAt: Date, sentAt: Date?, giveUpAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.login = login
        self.address = address
        self.day = day
        self.subject = subject
        self.message = message
        self.messageID = messageID
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.giveUpAt = giveUpAt
    }
}
