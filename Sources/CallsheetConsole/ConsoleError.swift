/// An error a console user sees: a stable ``ErrorCode`` for scripts and a message for people.
///
/// Every failure that reaches the console is turned into one of these; the message says
/// what was wrong, where, and (where it helps) how to fix it.
public struct ConsoleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    /// Lines shown before the `ERR` line (text) or as `details` (JSON): per-row problems.
    public var details: [String]

    public init(_ code: ErrorCode, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code.rawValue) \(message)" }

    public static func syntax(_ message: String) -> ConsoleError { .init(.syntax, message) }
    public static func invalid(_ message: String) -> ConsoleError { .init(.invalid, message) }
    public static func notFound(_ message: String) -> ConsoleError { .init(.notFound, message) }
    public static func conflict(_ message: String) -> ConsoleError { .init(.conflict, message) }
    public static func permission(_ message: String) -> ConsoleError { .init(.permission, message) }
    public static func limit(_ message: String) -> ConsoleError { .init(.limit, message) }
}
