import Foundation

/// The encodings a message needs to carry UTF-8 text through SMTP's 7-bit, 998-octet lines:
/// RFC 2047 encoded words for headers (subjects, display names) and quoted-printable
/// (RFC 2045) for bodies. Pure functions; `MailMessage` puts them together.
public enum MailEncoding {
    /// `=?UTF-8?B?…?=` words (base64, each at most 75 characters, split on whole
    /// characters) when `text` is not plain printable ASCII; `text` itself otherwise.
    public static func headerWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 45 bytes of UTF-8 become 60 characters of base64: with `=?UTF-8?B?` and `?=`, 72.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Quoted-printable: lines of at most 76 characters, CRLF line ends, `=` and bytes
    /// outside printable ASCII as `=XX`, spaces and tabs before a line end encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var out = ""
            var width = 0
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                let piece = plain ? String(UnicodeScalar(byte)) : "=" + hex(byte)
                if width + piece.count > 75 {
                    out += "=\r\n"
                    width = 0
                }
                out += piece
                width += piece.count
            }
            lines.append(out)
        }
        return lines.joined(separator: "\r\n")
    }

    /// A mailbox header value: `"Display Name" <address>` with the name encoded when needed.
    public static func mailbox(name: String?, address: EmailAddress) -> String {
        guard let name, !name.isEmpty else { return address.text }
        let encoded = headerWords(name)
        let quoted = encoded == name ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : encoded
        return "\(quoted) <\(address.text)>"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
