/// An amount of money as people type it (the offer, invoice and payment values of an outcome, the
/// campaign budget).
///
/// Managers write amounts the way their locale and their spreadsheet do — `1500.50`,
/// `1500,50`, `1 500,50`, `1.500,50`, `1,500.50` — and a back office that refuses the comma
/// makes them retype while the client waits. Every spelling becomes one canonical text
/// (`1500.50`) for PostgreSQL's `numeric`. A single separator followed by exactly three
/// digits (`1,500`, `1.500`) reads as fifteen hundred in one locale and one and a half in
/// another, so it is refused with both readings named instead of guessed.
public struct MoneyAmount: Sendable, Equatable, CustomStringConvertible {
    /// Digits, and `.` with one or two decimals when there are any: `1500`, `1500.5`, `0.99`.
    public let canonical: String

    public var description: String { canonical }

    /// Whole units are limited to 12 digits (`numeric(14, 2)` in the store).
    public static let maximumWholeDigits = 12

    /// Parses `text`; `subject` names the value in the error (`amount`, `budget`).
    public static func parse(_ text: String, subject: String = "amount") -> Result<MoneyAmount, MoneyAmountError> {
        let trimmed = text.trimmingSpaces
        let invalid = MoneyAmountError(message: "\(subject) \"\(text)\" is not an amount like 1500, 1500.50 or 1 500,50")
        var runs: [String] = [""]
        var separators: [Character] = []
        for c in trimmed {
            if c.isASCII, c.isNumber {
                runs[runs.count - 1].append(c)
            } else if c == "." || c == "," || c == "'" || groupSpaces.contains(c) {
                guard !runs[runs.count - 1].isEmpty else { return .failure(invalid) }
                separators.append(groupSpaces.contains(c) ? " " : c)
                runs.append("")
            } else {
                return .failure(invalid)
            }
        }
        guard let last = runs.last, !last.isEmpty else { return .failure(invalid) }

        var whole = runs, decimals = "", groups = separators
        var decimalMark: Character?
        if let mark = separators.last, mark == "." || mark == "," {
            if (1...2).contains(last.count) {
                decimals = last
                decimalMark = mark
                whole.removeLast()
                groups.removeLast()
            } else if last.count == 3, separators.count == 1, runs[0].count <= 3 {
                return .failure(
                    MoneyAmountError(
                        message: "\(subject) \"\(text)\" is ambiguous (a thousands separator or a decimal one?): "
                            + "write \(runs.joined()), or a decimal amount with at most two decimals"))
            }
        }
        // What is left separates thousands: one kind of separator, groups of three after the first.
        if let kind = groups.first {
            guard groups.allSatisfy({ $0 == kind }), kind != decimalMark,
                (1...3).contains(whole[0].count), whole.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .failure(invalid) }
        }
        let digits = whole.joined()
        guard !digits.isEmpty, digits.count <= maximumWholeDigits else { return .failure(invalid) }
        return .success(MoneyAmount(canonical: decimals.isEmpty ? digits : digits + "." + decimals))
    }

    /// Spaces people put between thousands: ordinary, no-break, narrow no-break.
    static let groupSpaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
}

/// Why a text is not an amount; the message names the text and what would be accepted.
public struct MoneyAmountError: Error, Sendable, Equatable {
    public let message: String
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || MoneyAmount.groupSpaces.contains($0) }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
