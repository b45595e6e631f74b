import Foundation

/// A value in a console response, rendered as text for people and as JSON for programs.
///
/// Objects keep their key order so that a JSON answer reads in the same order as the
/// table or card that the text format shows.
public indirect enum ConsoleValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ConsoleValue])
    case object([(String, ConsoleValue)])
    /// A picture for people (the bar chart of `report managers`): shown in text tables,
    /// left out of a JSON table (programs chart the figures themselves).
    case chart(String)

    public static func == (lhs: ConsoleValue, rhs: ConsoleValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.chart(a), .chart(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value as one piece of plain text (for tables, cards and `key=value` status fields).
    public var plainText: String {
        switch self {
        case .null: "-"
        case .bool(let b): b ? "yes" : "no"
        case .int(let i): String(i)
        case .double(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s), .chart(let s): s
        case .array(let a): a.map(\.plainText).joined(separator: ", ")
        case .object(let o): o.map { "\($0.0)=\($0.1.plainText)" }.joined(separator: " ")
        }
    }
}

extension ConsoleValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ConsoleValue {
    /// An instant as the console prints it: RFC 3339 in UTC (`2026-11-23T09:00:00Z`).
    /// `Date.ISO8601FormatStyle` is a value type formatted in Swift; creating an
    /// `ISO8601DateFormatter` per value cost the call loop a tenth of its CPU.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
