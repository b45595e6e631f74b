public import CallsheetDomain

/// The words after a command's name, consumed by the command as it reads its options.
///
/// Options are `--name value`, `--name=value` or bare flags. A command takes what it knows
/// and then calls ``finish()``, which rejects anything left over with a message naming
/// the word, so a typo never silently changes what a command does.
public struct CommandArguments: Sendable {
    public let command: String
    private var words: [String]
    /// The options the command asked for, in order: what a rejected option's message offers.
    private var known: [String] = []

    public init(command: String, words: [String]) {
        self.command = command
        self.words = words
    }

    /// Removes and returns `--name VALUE` / `--name=VALUE`; nil when absent.
    public mutating func option(_ name: String) throws(ConsoleError) -> String? {
        let flag = "--" + name
        note(flag)
        guard let index = words.firstIndex(where: { $0 == flag || $0.hasPrefix(flag + "=") }) else { return nil }
        let word = words.remove(at: index)
        if word.count > flag.count { return String(word.dropFirst(flag.count + 1)) }
        guard index < words.count, !words[index].hasPrefix("--") else {
            throw .syntax("option \(flag) of '\(command)' needs a value")
        }
        return words.remove(at: index)
    }

    /// `--name YYYY-MM-DD` as a date; nil when absent, `INVALID` when not a date.
    public mutating func dateOption(_ name: String) throws(ConsoleError) -> LocalDate? {
        guard let text = try option(name) else { return nil }
        guard let date = LocalDate(iso: text) else { throw ConsoleError(.invalid, "--\(name) \"\(text)\" is not a date like 2026-11-24") }
        return date
    }

    /// An option with an older spelling still accepted (`--team`, formerly `--admin`);
    /// giving both is a syntax error rather than a silent choice.
    public mutating func option(_ name: String, alias: String) throws(ConsoleError) -> String? {
        let value = try option(name), old = try option(alias)
        if value != nil, old != nil { throw .syntax("give --\(name) or --\(alias) (the same option), not both") }
        return value ?? old
    }

    /// Every value of a repeatable option (`--phone A --phone B`), in order.
    public mutating func options(_ name: String) throws(ConsoleError) -> [String] {
        var values: [String] = []
        while let value = try option(name) { values.append(value) }
        return values
    }

    /// Like ``option(_:)`` but parses an integer within `range`.
    public mutating func intOption(_ name: String, in range: ClosedRange<Int>) throws(ConsoleError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .syntax("option --\(name) of '\(command)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    /// Removes a bare `--name` flag; true when it was present.
    public mutating func flag(_ name: String) -> Bool {
        let flag = "--" + name
        note(flag)
        guard let index = words.firstIndex(of: flag) else { return false }
        words.remove(at: index)
        return true
    }

    /// Removes and returns the next positional word, if any.
    public mutating func positional() -> String? {
        guard let index = words.firstIndex(where: { !$0.hasPrefix("--") }) else { return nil }
        return words.remove(at: index)
    }

    /// Like ``positional()`` but required; `what` names it in the error.
    public mutating func required(_ what: String) throws(ConsoleError) -> String {
        guard let word = positional() else { throw .syntax("'\(command)' needs \(what)") }
        return word
    }

    private mutating func note(_ flag: String) {
        if !known.contains(flag) { known.append(flag) }
    }

    /// Fails on any word no one consumed.
    public func finish() throws(ConsoleError) {
        guard let extra = words.first else { return }
        if extra.hasPrefix("--") {
            let name = extra.split(separator: "=").first.map(String.init) ?? extra
            let offer = known.isEmpty ? "it takes no options" : "it takes \(known.joined(separator: ", "))"
            throw .syntax("'\(command)' has no option \(name); \(offer) (help \(command))")
        }
        throw .syntax("'\(command)' does not take the argument \"\(extra)\"")
    }
}
