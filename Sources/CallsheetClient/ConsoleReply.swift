/// One response read from the console: its body lines and its status line.
public struct ConsoleReply: Sendable, Equatable {
    public var body: [String]
    /// `OK …`, `ERR CODE message`, or (in JSON mode) the JSON document.
    public var status: String

    public init(body: [String], status: String) {
        self.body = body
        self.status = status
    }

    public var isOK: Bool {
        status == "OK" || status.hasPrefix("OK ") || status.hasPrefix("{\"ok\":true")
    }

    /// The error code of an `ERR` line (text mode) or a JSON error, else nil.
    public var errorCode: String? {
        if status.hasPrefix("ERR ") {
            return status.dropFirst(4).split(separator: " ", maxSplits: 1).first.map(String.init)
        }
        if status.hasPrefix("{\"ok\":false,\"code\":\""), let end = status.dropFirst(20).firstIndex(of: "\"") {
            return String(status[status.index(status.startIndex, offsetBy: 20)..<end])
        }
        return nil
    }

    /// The value of `key` in an `OK key=value …` status line (unquoted).
    public func field(_ key: String) -> String? {
        guard status.hasPrefix("OK") else { return nil }
        var words: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in status.dropFirst(2) {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && quoted { escaped = true; continue }
            if c == "\"" { quoted.toggle(); continue }
            if c == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        for word in words where word.hasPrefix(key + "=") {
            return String(word.dropFirst(key.count + 1))
        }
        return nil
    }

    /// The rows of a text-mode table body, by column name: the header's words name the
    /// columns and where each starts (tables are left-aligned to the widest cell), so cells
    /// with spaces (`Anna K`) are read whole. Empty when the body is not one table.
    public var rows: [[String: String]] {
        guard let header = body.first else { return [] }
        let head = Array(header)
        var starts: [Int] = []
        var names: [String] = []
        for index in head.indices where head[index] != " " && (index == 0 || head[index - 1] == " ") {
            starts.append(index)
            names.append(String(head[index...].prefix { $0 != " " }))
        }
        return body.dropFirst().map { line in
            let cells = Array(line)
            var row: [String: String] = [:]
            for (column, start) in starts.enumerated() {
                let end = column + 1 < starts.count ? min(starts[column + 1], cells.count) : cells.count
                let cell = start < end ? String(cells[start..<end]) : ""
                row[names[column]] = String(cell.reversed().drop { $0 == " " }.reversed())
            }
            return row
        }
    }
}
