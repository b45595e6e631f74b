/// Joins command-line words into one console line, quoting where the console grammar needs it,
/// so `callsheetctl client add "Acme Ltd"` reaches the daemon as the same words.
public enum CommandQuoting {
    public static func line(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    public static func quote(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { s in
                !(s == " " || s == "\t" || s == "\"" || s == "'" || s == "\\" || s.value < 0x20)
            }
        if plain && !word.hasPrefix("<<") { return word }
        var out = "\""
        for s in word.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(s)
            }
        }
        return out + "\""
    }
}
