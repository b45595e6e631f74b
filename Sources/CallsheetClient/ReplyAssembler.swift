/// Groups the daemon's lines into replies — body lines, the status line, an empty line — the
/// way every client must read them. Transport-free, so the framing can be tested on bytes.
public struct ReplyAssembler: Sendable {
    private var lines: [String] = []

    public init() {}

    /// True between replies (nothing of a reply read yet).
    public var isBetweenReplies: Bool { lines.isEmpty }

    /// Takes one line (without its line break); returns the reply it completes, if any.
    public mutating func take(_ line: String) throws(ConsoleClientError) -> ConsoleReply? {
        guard line.isEmpty else {
            lines.append(line)
            return nil
        }
        guard let status = lines.popLast() else { throw ConsoleClientError("protocol error: an empty response") }
        defer { lines = [] }
        return ConsoleReply(body: lines, status: status)
    }

    /// One line of the connection: the bytes before a `\n`, without a `\r` just before it.
    public static func line(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.hasSuffix("\r") ? String(text.dropLast()) : text
    }

    /// Every complete reply in `bytes`, read as a client reads the connection.
    public static func replies(in bytes: [UInt8]) throws(ConsoleClientError) -> [ConsoleReply] {
        var assembler = ReplyAssembler()
        var replies: [ConsoleReply] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let reply = try assembler.take(line(bytes[start..<newline])) { replies.append(reply) }
            start = newline + 1
        }
        guard assembler.isBetweenReplies, start == bytes.endIndex else { throw ConsoleClientError("the bytes end in the middle of a response") }
        return replies
    }
}
