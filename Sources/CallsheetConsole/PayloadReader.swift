/// The lines of a `<<MARK` payload block, read as they stream in.
///
/// A command iterates it with ``next()``; the reader stops at the marker line, enforces
/// the byte cap (`ERR LIMIT`) and rejects lines that are not UTF-8 or too long. Whatever
/// the command leaves unread is drained by the session, so the next command line is never
/// mistaken for payload and vice versa.
public final class PayloadReader {
    public let marker: String
    public let maximumBytes: Int
    public private(set) var bytesRead = 0
    /// Payload lines read so far (1 = the line after the command line).
    public private(set) var lineNumber = 0
    public private(set) var finished = false
    private let input: LineInput

    init(marker: String, maximumBytes: Int, input: LineInput) {
        self.marker = marker
        self.maximumBytes = maximumBytes
        self.input = input
    }

    /// The next payload line without its line ending; nil after the marker.
    public func next() async throws -> String? {
        guard !finished else { return nil }
        guard let line = try await input.next() else {
            finished = true
            throw ConsoleError.syntax("the connection ended before the payload's end marker \(marker)")
        }
        lineNumber += 1
        switch line {
        case .tooLong(let limit):
            throw ConsoleError.limit("payload line \(lineNumber) is longer than the \(limit)-byte line limit")
        case .bytes(let bytes):
            bytesRead += bytes.count + 1
            // A CSV saved in a legacy code page, or as UTF-16 (NUL bytes), is refused at its
            // first line with the fix, not decoded into an "unknown column" later.
            let hasNUL = bytes.contains(0)
            guard !hasNUL, let text = String(validating: bytes, as: UTF8.self) else {
                throw ConsoleError.syntax(
                    "payload line \(lineNumber) is not valid UTF-8"
                        + (hasNUL ? " (NUL bytes: UTF-16 text?)" : "") + "; save the CSV as \"CSV UTF-8\" or convert it with iconv -t UTF-8")
            }
            let stripped = text.hasSuffix("\r") ? String(text.dropLast()) : text
            if stripped == marker {
                finished = true
                return nil
            }
            if bytesRead > maximumBytes {
                throw ConsoleError.limit("the payload is larger than the \(maximumBytes)-byte limit (console.max_payload_bytes)")
            }
            return stripped
        }
    }

    /// Reads and discards up to and including the marker (or the end of input).
    func drain() async {
        while !finished {
            guard let line = try? await input.next() else {
                finished = true
                return
            }
            if case .bytes(let bytes) = line {
                var text = bytes[...]
                if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
                if text.elementsEqual(marker.utf8) { finished = true }
            }
        }
    }
}

/// One line as the transport delivers it: raw bytes (validated by the session) or the
/// news that a line exceeded the configured maximum (its bytes were discarded).
public enum InboundLine: Sendable, Equatable {
    case bytes([UInt8])
    case tooLong(limit: Int)
}

/// A pull-based source of lines that hides the transport (NIO channel, test array, pipe).
public final class LineInput {
    private let nextLine: () async throws -> InboundLine?

    public init(_ next: @escaping () async throws -> InboundLine?) {
        self.nextLine = next
    }

    public func next() async throws -> InboundLine? { try await nextLine() }
}
