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
}
