/// Turns responses and errors into the lines of the wire protocol.
///
/// Every rendering ends with exactly one status line; the transport adds the empty line
/// that closes the response. Every line goes through ``WireText``, so no value can break a
/// line, forge a status line or end the response early.
public enum ResponseRenderer {
    public static func render(_ response: ConsoleResponse, format: OutputFormat) -> [String] {
        switch format {
        case .text: return textBody(response.body).map(WireText.bodyLine) + [statusLine(response.status)]
        case .json: return [JSONText.encode(jsonDocument(response))]
        }
    }

    public static func render(_ error: ConsoleError, format: OutputFormat) -> [String] {
        switch format {
        case .text:
            return error.details.map(WireText.bodyLine) + ["ERR \(error.code.rawValue) \(WireText.escaped(error.message))"]
        case .json:
            var fields: [(String, ConsoleValue)] = [
                ("ok", .bool(false)), ("code", .string(error.code.rawValue)), ("message", .string(error.message)),
            ]
            if !error.details.isEmpty { fields.append(("details", .array(error.details.map(ConsoleValue.string)))) }
            return [JSONText.encode(.object(fields))]
        }
    }

    /// `OK key=value …`; values with spaces, quotes or `=` are double-quoted with escapes.
    static func statusLine(_ fields: [(String, ConsoleValue)]) -> String {
        (["OK"] + fields.map { "\($0.0)=\(quoteIfNeeded($0.1.plainText))" }).joined(separator: " ")
    }

    static func quoteIfNeeded(_ s: String) -> String {
        let needs = s.isEmpty || s.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 }
        guard needs else { return WireText.escaped(s) }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += WireText.escaped(String(scalar))
            }
        }
        return out + "\""
    }

    static func textBody(_ body: ResponseBody) -> [String] {
        switch body {
        case .none:
            return []
        case .lines(let lines):
            // One element, one line: a break inside one (a CSV field in an error) is escaped, not followed.
            return lines
        case .record(let fields):
            let width = fields.map(\.0.count).max() ?? 0
            return fields.map { key, value in
                key + ":" + String(repeating: " ", count: width - key.count + 1) + oneLine(value.plainText)
            }
        case .table(let columns, let rows):
            let cells = rows.map { $0.map { oneLine($0.plainText) } }
            let lengths = cells.map { $0.map(displayWidth) }
            let headerLengths = columns.map(displayWidth)
            var widths = headerLengths
            for row in lengths {
                for (i, length) in row.enumerated() where i < widths.count {
                    widths[i] = max(widths[i], length)
                }
            }
            func format(_ row: [String], _ length: [Int]) -> String {
                var line = ""
                for (i, cell) in row.enumerated() {
                    if i > 0 { line += "  " }
                    line += cell
                    if i < row.count - 1, i < widths.count { line += String(repeating: " ", count: max(0, widths[i] - length[i])) }
                }
                return line
            }
            return [format(columns, headerLengths)] + zip(cells, lengths).map(format)
        case .card(let fields, let lists):
            var lines = fields.isEmpty ? [] : textBody(.record(fields))
            for list in lists {
                if !lines.isEmpty { lines.append(" ") }
                if list.rows.isEmpty {
                    lines.append("\(list.title): \(list.whenEmpty)")
                } else {
                    lines.append("\(list.title):")
                    lines += textBody(.table(columns: list.columns, rows: list.rows))
                }
            }
            return lines
        }
    }

    static func jsonDocument(_ response: ConsoleResponse) -> ConsoleValue {
        var fields: [(String, ConsoleValue)] = [("ok", .bool(true))]
        fields += response.status
        switch response.body {
        case .none: break
        case .lines(let lines): fields.append(("data", .array(lines.map(ConsoleValue.string))))
        case .record(let record): fields.append(("data", .object(record)))
        case .table(let columns, let rows): fields.append(("data", jsonRows(columns, rows)))
        case .card(let card, let lists): fields.append(("data", .object(card + lists.map { ($0.key, jsonRows($0.columns, $0.rows)) })))
        }
        return .object(fields)
    }

    /// Table rows as objects keyed by column; charts are for people and left out.
    private static func jsonRows(_ columns: [String], _ rows: [[ConsoleValue]]) -> ConsoleValue {
        .array(rows.map { row in .object(zip(columns, row).filter { if case .chart = $1 { false } else { true } }) })
    }

    /// Characters as a terminal lines them up: ASCII text (nearly every cell) is measured
    /// by its bytes; anything else by its grapheme clusters, as before.
    private static func displayWidth(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.count
    }

    /// Multi-line text on one line (`⏎` for each line break). Most values have no break:
    /// they are returned as they are without going through Foundation's replacing.
    private static func oneLine(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\n")) else { return s }
        return s.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}
