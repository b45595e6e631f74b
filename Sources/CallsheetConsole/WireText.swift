/// Makes any text safe to stand on one line of the console protocol.
///
/// Why: a response is body lines, one status line and an empty line, and clients read it
/// line by line. Names, notes, CSV fields and error details come from spreadsheets and
/// people; a line break inside one would end a body line early and could forge an
/// `OK …` line or the empty line that ends the response. So every line the renderer
/// emits goes through here: line breaks become ` ⏎ `, other control characters their
/// visible Unicode pictures (`␀`, `␛`, `␡`), C1 controls and the Unicode line and paragraph
/// separators `<U+2028>`; a body line that would read as a status line (`OK`, `ERR`) is
/// indented by one space, and an empty one is a single space.
public enum WireText {
    /// `text` with nothing that any reader could take for a line break.
    public static func escaped(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 < 0x80 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR: continue
            case 0x0A, 0x0D: out += " ⏎ "
            case 0x09: out.unicodeScalars.append(scalar)
            case 0x00..<0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: out += "␡"
            case 0x80..<0xA0, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One body line: escaped, never empty, never starting like a status line.
    public static func bodyLine(_ text: String) -> String {
        let line = escaped(text)
        if line.isEmpty { return " " }
        if looksLikeStatus(line) { return " " + line }
        return line
    }

    /// `OK`, `OK …`, `ERR`, `ERR …`: what a reader takes for the status line.
    static func looksLikeStatus(_ line: String) -> Bool {
        for word in ["OK", "ERR"] where line.hasPrefix(word) {
            let rest = line.utf8.dropFirst(word.utf8.count)
            if rest.isEmpty || rest.first == UInt8(ascii: " ") { return true }
        }
        return false
    }
}
