import ArgumentParser
import CallsheetClient
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `callsheetctl [--socket PATH] [--json] [COMMAND...]` — talk to callsheetd's console.
///
/// With a command: run it once, print the answer, exit 0 on `OK` and 1 on `ERR` (the error
/// on stderr). Without: an interactive console with history. Bulk data for a command is
/// sent as its payload block from `--file PATH` (`-` for stdin); for commands whose name
/// contains `import` (and `campaign add-clients|remove-clients` with no selection option),
/// piped stdin is sent automatically. `--out DIR` (after the command) writes the files an
/// export answer carries into DIR instead of printing them; `--file PATH` may also follow
/// the command.
@main
struct CallsheetControlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callsheetctl",
        abstract: "Talk to callsheetd's administrative console.",
        discussion: "Examples: callsheetctl status; callsheetctl --json whoami; callsheetctl client import < clients.csv",
        version: "0.1.0"
    )

    @Option(name: .long, help: ArgumentHelp("Console socket. Default $CALLSHEET_SOCKET, else ./.callsheet/console.sock", valueName: "PATH"))
    var socket: String?

    @Flag(name: .long, help: "Answer as one JSON document.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Send this file (or - for stdin) as the command's payload block.", valueName: "PATH"))
    var file: String?

    @Argument(parsing: .captureForPassthrough, help: "The console command and its arguments; none for an interactive console.")
    var command: [String] = []

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["CALLSHEET_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? ".callsheet/console.sock"
    }

    func run() async throws {
        do {
            if command.isEmpty {
                try await interactive()
            } else {
                let ok = try await oneShot()
                if !ok { throw ExitCode(1) }
            }
        } catch let error as ConsoleClientError {
            FileHandle.standardError.write(Data("callsheetctl: \(error.message)\n".utf8))
            throw ExitCode(2)
        } catch let error as PayloadTextError {
            // The file, not the daemon: the command was not carried out, like an ERR answer.
            FileHandle.standardError.write(Data("callsheetctl: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func oneShot() async throws -> Bool {
        var words = command
        if words.first == "--" { words.removeFirst() }
        // `--out DIR` is callsheetctl's own: it writes the files an export answer carries.
        let outDirectory = try Self.takeOption("--out", needing: "a directory (or a FILE.xlsx for a workbook)", from: &words)
        // `--file PATH` after the command is callsheetctl's too (`client import --file x.csv`).
        let filePath = try Self.takeOption("--file", needing: "a path (or - for stdin)", from: &words) ?? file
        if json { words.append("--json") }
        let line = CommandQuoting.line(words)
        let payloadPath: String? = filePath ?? (Self.readsStdin(words) && isatty(STDIN_FILENO) == 0 ? "-" : nil)
        // Opened before connecting: a missing file is the file's error, whatever the daemon.
        let payload = try payloadPath.map { try PayloadFile(path: $0) }
        // `account password LOGIN` asks for the password (or reads the pipe's first line).
        let password = payload == nil && PasswordPrompt.wants(words) ? try PasswordPrompt.read(for: words.dropFirst(2).first ?? "") : nil
        let reply = try await ConsoleClient.withConnection(socketPath: socketPath) { client in
            if let password {
                return try await client.run(line, payload: AsyncStream { $0.yield(password); $0.finish() })
            }
            if let payload {
                return try await client.run(line, payloadChunks: payload.chunks)
            }
            return try await client.run(line)
        }
        if let outDirectory, reply.isOK {
            do {
                let written = try AnswerFiles(body: reply.body).write(to: outDirectory)
                FileHandle.standardOutput.write(Data((written.map { "wrote \($0)\n" }.joined() + reply.status + "\n").utf8))
            } catch let error as AnswerFilesError {
                throw ConsoleClientError(error.message)
            }
            return true
        }
        print(reply: reply)
        return reply.isOK
    }

    /// Removes `NAME VALUE` from the command's words (callsheetctl's own options that may
    /// follow the command) and returns VALUE; nil when absent.
    private static func takeOption(_ name: String, needing what: String, from words: inout [String]) throws -> String? {
        guard let at = words.firstIndex(of: name) else { return nil }
        guard at + 1 < words.count else { throw ConsoleClientError("\(name) needs \(what)") }
        defer { words.removeSubrange(at...(at + 1)) }
        return words[at + 1]
    }

    private func interactive() async throws {
        let editor = LineEditor()
        let format = json
        try await ConsoleClient.withConnection(socketPath: socketPath) { client in
            if format { _ = try await client.run("format json") }
            while let line = editor.readLine(prompt: "callsheet> ") {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let reply: ConsoleReply
                if let marker = Self.payloadMarker(of: line) {
                    try await client.send(line)
                    while let payloadLine = editor.readLine(prompt: "") {
                        try await client.send(payloadLine)
                        if payloadLine == marker { break }
                    }
                    reply = try await client.readReply()
                } else {
                    reply = try await client.run(line)
                }
                print(reply: reply)
                if line.trimmingCharacters(in: .whitespaces) == "quit" { break }
            }
        }
    }

    /// Commands that take piped stdin as their payload: every `… import`, and
    /// `campaign add-clients|remove-clients` given no other selection (client ids on stdin).
    static func readsStdin(_ words: [String]) -> Bool {
        let lowered = words.map { $0.lowercased() }
        if lowered.contains("import") { return true }
        let audience = lowered.contains("add-clients") || lowered.contains("remove-clients")
        let selections: Set<String> = ["--import", "--segment", "--tag", "--all", "--clients"]
        return audience && !lowered.contains { selections.contains($0) || selections.contains(String($0.split(separator: "=").first ?? "")) }
    }

    private static func payloadMarker(of line: String) -> String? {
        guard let last = line.split(separator: " ").last, last.hasPrefix("<<"), last.count > 2 else { return nil }
        return String(last.dropFirst(2))
    }

    private func print(reply: ConsoleReply) {
        var out = reply.body.map { $0 + "\n" }.joined()
        if reply.isOK || reply.errorCode == nil || reply.status.hasPrefix("{") {
            out += reply.status + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if !reply.isOK {
            let message = reply.status.hasPrefix("{") ? "callsheetctl: the daemon answered an error (\(reply.errorCode ?? "?"))" : reply.status
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }
}
