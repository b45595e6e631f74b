/// A list under a card — a call sheet's last calls, a client's history, a team under its
/// administrator — so that programs get the rows as objects under `key` instead of the
/// aligned text lines people read.
public struct BodyList: Sendable, Equatable {
    /// The JSON key; the text title is the same words with spaces (`last_calls` → `last calls:`).
    public var key: String
    public var columns: [String]
    public var rows: [[ConsoleValue]]
    /// What people read instead of an empty table (`last calls: none`).
    public var whenEmpty: String

    public init(_ key: String, columns: [String], rows: [[ConsoleValue]], whenEmpty: String = "none") {
        self.key = key
        self.columns = columns
        self.rows = rows
        self.whenEmpty = whenEmpty
    }

    var title: String { key.replacingOccurrences(of: "_", with: " ") }
}
