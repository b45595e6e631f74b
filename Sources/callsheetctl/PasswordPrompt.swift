import CallsheetClient
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a new password for `account password LOGIN`: on a terminal, twice without echo
/// (the two must match); from a pipe, the first line. The password then travels as the
/// command's payload block — never on a command line, where shells keep it in history
/// and `ps` shows it to everyone.
enum PasswordPrompt {
    /// Whether these words are `account password LOGIN` (the command that takes one).
    static func wants(_ words: [String]) -> Bool {
        words.count >= 2 && words[0].lowercased() == "account" && words[1].lowercased() == "password"
    }

    static func read(for login: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
                throw PayloadTextError(message: "no password on standard input (pipe it as one line, or run on a terminal to be asked)")
            }
            return line
        }
        let first = try silently("New web password for \(login): ")
        let second = try silently("Again: ")
        guard first == second else { throw PayloadTextError(message: "the two passwords differ; nothing was changed") }
        return first
    }

    /// One line from the terminal with echo off (restored even when reading fails).
    private static func silently(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw PayloadTextError(message: "cannot turn the terminal's echo off") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else { throw PayloadTextError(message: "no password given; nothing was changed") }
        return line
    }
}
