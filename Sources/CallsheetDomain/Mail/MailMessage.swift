public import Foundation

/// One e-mail as it goes to the relay: multipart/alternative (plain text and HTML, both
/// UTF-8, quoted-printable), headers with RFC 2047 words for names and subject. The text
/// ``rendered()`` is what SMTP's DATA carries (CRLF lines, no line over 998 octets) and
/// what `sendmail -t` reads.
public struct MailMessage: Sendable, Equatable {
    public var from: EmailAddress
    public var fromName: String?
    public var to: EmailAddress
    public var toName: String?
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date
    /// `<…@host>`: unique per message, also the outbox's key against sending twice.
    public var messageID: String

    public init(
        from: EmailAddress, fromName: String?, to: EmailAddress, toName: String?, replyTo: EmailAddress?, subject: String, text: String, html: String,
        date: Date, messageID: String
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.toName = toName
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// The message in RFC 5322 form with a boundary derived from the message id.
    public func rendered() -> String {
        let boundary = "=_callsheet_" + String(messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init).prefix(40))
        var headers = [
            "From: " + MailEncoding.mailbox(name: fromName, address: from),
            "To: " + MailEncoding.mailbox(name: toName, address: to),
        ]
        if let replyTo { headers.append("Reply-To: " + replyTo.text) }
        headers += [
            "Subject: " + MailEncoding.headerWords(subject),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", text), ("text/html", html)].map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + MailEncoding.quotedPrintable(body)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    /// `Sun, 06 Dec 2026 07:30:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
