public import CallsheetDomain

/// The set of commands a session understands, looked up by their leading words.
///
/// Names may have several words (`client import`); the longest name that matches the
/// start of the line wins, so `client` and `client import` can both exist.
public struct CommandTable: Sendable {
    public let commands: [ConsoleCommand]
    private let byName: [String: ConsoleCommand]
    private let longestName: Int

    public init(_ commands: [ConsoleCommand]) {
        self.commands = commands.sorted { $0.name < $1.name }
        var byName: [String: ConsoleCommand] = [:]
        for command in commands {
            precondition(byName[command.name] == nil, "command '\(command.name)' is defined twice")
            byName[command.name] = command
        }
        self.byName = byName
        self.longestName = commands.map { $0.words.count }.max() ?? 1
    }

    /// The command named by the first words of `words`, and the words after its name.
    public func match(_ words: [String]) -> (command: ConsoleCommand, rest: [String])? {
        let lowered = words.map { $0.lowercased() }
        for length in stride(from: min(longestName, words.count), through: 1, by: -1) {
            if let command = byName[lowered[0..<length].joined(separator: " ")] {
                return (command, Array(words[length...]))
            }
        }
        return nil
    }

    /// The commands `role` may run, for `help`.
    public func allowed(for role: Role) -> [ConsoleCommand] {
        commands.filter { $0.minimumRole <= role }
    }
}
