/// Text a person typed, made safe to put inside XML or HTML markup (the workbook's
/// SpreadsheetML, the e-mails' HTML parts): one escaping for both.
public enum MarkupText {
    /// Text for XML or HTML: the five entities, and control characters (not allowed in
    /// XML 1.0, meaningless in HTML) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
