import CallsheetDomain
import Foundation
import Testing

@Suite struct MailMessageTests {
    @Test func addressesArePlainAndChecked() {
        #expect(EmailAddress("anna@example.com") != nil)
        #expect(EmailAddress("anna.kowalska+calls@mail.example.pl") != nil)
        #expect(EmailAddress("Anna <anna@example.com>") == nil)
        #expect(EmailAddress("anna@localhost") == nil)
        #expect(EmailAddress("anna@exa mple.com") == nil)
        #expect(EmailAddress("anna@example.com\r\nBcc: x@y.z") == nil, "no header injection")
        #expect(EmailAddress("@example.com") == nil)
        #expect(EmailAddress.problem(with: "anna@пример.рф")?.contains("xn--") == true)
    }

    @Test func headersCarryUTF8AsEncodedWords() {
        #expect(MailEncoding.headerWords("Your calls today") == "Your calls today")
        let subject = MailEncoding.headerWords("Zadzwoń dziś: 12 rozmów — Łódź")
        #expect(subject.hasPrefix("=?UTF-8?B?") && subject.hasSuffix("?="))
        for word in subject.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75, "\(word)")
            let payload = String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))
            #expect(Data(base64Encoded: payload).flatMap { String(data: $0, encoding: .utf8) } != nil, "each word holds whole characters")
        }
        let long = MailEncoding.headerWords(String(repeating: "Дмитрий ", count: 12))
        #expect(long.components(separatedBy: "\r\n ").count > 1, "folded into several words")
        #expect(MailEncoding.mailbox(name: "Anna \"Ania\" K", address: EmailAddress("a@example.com")!) == #""Anna \"Ania\" K" <a@example.com>"#)
        #expect(MailEncoding.mailbox(name: "Żaneta", address: EmailAddress("z@example.com")!).hasSuffix("?= <z@example.com>"))
    }

    @Test func bodiesAreQuotedPrintableWithShortLines() {
        #expect(MailEncoding.quotedPrintable("a=b") == "a=3Db")
        #expect(MailEncoding.quotedPrintable("zł") == "z=C5=82")
        #expect(MailEncoding.quotedPrintable("trailing \nnext") == "trailing=20\r\nnext")
        let long = MailEncoding.quotedPrintable(String(repeating: "ż", count: 100))
        for line in long.components(separatedBy: "\r\n") { #expect(line.count <= 76, "\(line)") }
    }

    @Test func aMessageIsMultipartAlternative() {
        let message = MailMessage(
            from: EmailAddress("calls@example.com")!, fromName: "Callsheet", to: EmailAddress("anna@example.com")!, toName: "Anna Żak",
            replyTo: EmailAddress("ewa@example.com"), subject: "Dziś: 3 rozmowy", text: "Cześć Anna", html: "<p>Cześć Anna</p>",
            date: Date(timeIntervalSince1970: 1_796_000_000), messageID: "<day-anna-2026-12-06@callsheet>")
        let text = message.rendered()
        #expect(text.contains("\r\nMIME-Version: 1.0\r\n") && text.contains("Content-Type: multipart/alternative; boundary="))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("To: =?UTF-8?B?") && text.contains("<anna@example.com>"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8") && text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(text.contains("Cze=C5=9B=C4=87 Anna"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
    }
}
