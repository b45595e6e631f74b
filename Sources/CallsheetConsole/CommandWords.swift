/// One console line split into words the way a shell would, plus its payload marker.
///
/// Grammar (docs/console.md): words are separated by spaces or tabs; `"…"` groups a word
/// and understands the escapes `\"`, `\\`, `\n`, `\t`; `'…'` groups a word literally; a
/// backslash outside quotes makes the next character literal. There is no `;` chaining,
/// no globbing and no variables. An unquoted last word `<<MARK` announces a payload block
/// that ends at a line that is exactly `MARK`.
public struct CommandWords: Sendable, Equatable {
    public var words: [String]
    public var payloadMarker: String?

    public init(words: [String], payloadMarker: String? = nil) {
        self.words = words
        self.payloadMarker = payloadMarker
    }

    /// Splits `line`; throws `SYNTAX` naming the column of an unterminated quote or a
    /// dangling backslash.
    public static func parse(_ line: String) throws(ConsoleError) -> CommandWords {
        var words: [(text: String, quoted: Bool)] = []
        var current = ""
        var inWord = false
        var quoted = false
        var chars = Array(line.unicodeScalars)[...]
        var column = 0

        func endWord() {
            if inWord { words.append((current, quoted)) }
            current = ""
            inWord = false
            quoted = false
        }

        while let c = chars.popFirst() {
            column += 1
            switch c {
            case " ", "\t":
                endWord()
            case "\"":
                let start = column
                inWord = true
                quoted = true
                var closed = false
                while let q = chars.popFirst() {
                    column += 1
                    if q == "\"" { closed = true; break }
                    if q == "\\" {
                        guard let e = chars.popFirst() else { break }
                        column += 1
                        switch e {
                        case "n": current.unicodeScalars.append("\n")
                        case "t": current.unicodeScalars.append("\t")
                        default: current.unicodeScalars.append(e)
                        }
                    } else {
                        current.unicodeScalars.append(q)
                    }
                }
                if !closed { throw .syntax("unterminated double quote opened at column \(start)") }
            case "'":
                let start = column
                inWord = true
                quoted = true
                var closed = false
                while let q = chars.popFirst() {
                    column += 1
                    if q == "'" { closed = true; break }
                    current.unicodeScalars.append(q)
                }
                if !closed { throw .syntax("unterminated single quote opened at column \(start)") }
            case "\\":
                guard let e = chars.popFirst() else {
                    throw .syntax("a backslash at the end of the line (column \(column)) escapes nothing")
                }
                column += 1
                inWord = true
                quoted = true
                current.unicodeScalars.append(e)
            default:
                inWord = true
                current.unicodeScalars.append(c)
            }
        }
        endWord()

        var marker: String?
        if let last = words.last, !last.quoted, last.text.hasPrefix("<<") {
            let name = String(last.text.dropFirst(2))
            guard !name.isEmpty else {
                throw .syntax("'<<' must be followed by an end marker, for example <<END")
            }
            marker = name
            words.removeLast()
        }
        return CommandWords(words: words.map(\.text), payloadMarker: marker)
    }
}
