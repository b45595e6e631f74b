import CallsheetDomain
import CallsheetServices
import Logging

/// One console conversation: lines in, one response per command line out.
///
/// The session knows nothing of sockets: the transport hands it a ``LineInput`` and a
/// function that writes a response's lines, and tells it (through ``SessionHooks``) when
/// to stop. That keeps the whole protocol — framing of payloads, errors, roles, formats —
/// testable with plain arrays of lines.
public final class ConsoleSession {
    public let peer: ConsolePeer
    public private(set) var format: OutputFormat = .text
    private let environment: ConsoleEnvironment
    private let commands: CommandTable

    public init(peer: ConsolePeer, environment: ConsoleEnvironment, commands: CommandTable) {
        self.peer = peer
        self.environment = environment
        self.commands = commands
    }

    /// Serves until the input ends, `quit`, a failed write, or `hooks.shouldStop()`.
    ///
    /// `write` receives every line of one response, the terminating empty line included.
    public func run(
        input: LineInput,
        hooks: SessionHooks = SessionHooks(),
        write: (_ lines: [String]) async throws -> Void
    ) async {
        while !hooks.shouldStop() {
            hooks.phaseChanged(.awaitingCommand)
            let line: InboundLine?
            do { line = try await input.next() } catch { return }
            guard let line else { return }
            hooks.phaseChanged(.executing)
            let answer = await respond(to: line, input: input, hooks: hooks)
            do { try await write(answer.lines + [""]) } catch { return }
            if answer.close { return }
        }
    }

    /// Handles one command line (reading its payload from `input`) and renders the answer.
    public func respond(
        to line: InboundLine, input: LineInput, hooks: SessionHooks = SessionHooks()
    ) async -> (lines: [String], close: Bool) {
        var formatForThisCommand = format
        let text: String
        switch decode(line) {
        case .failure(let error): return (ResponseRenderer.render(error, format: format), false)
        case .success(let decoded): text = decoded
        }
        let parsed: CommandWords
        do { parsed = try CommandWords.parse(text) } catch {
            return (ResponseRenderer.render(error, format: format), false)
        }
        var words = parsed.words
        if words.contains("--json") {
            words.removeAll { $0 == "--json" }
            formatForThisCommand = .json
        }
        let payload = parsed.payloadMarker.map {
            PayloadReader(
                marker: $0, maximumBytes: environment.limits.maximumPayloadBytes,
                input: LineInput {
                    hooks.phaseChanged(.readingPayload)
                    defer { hooks.phaseChanged(.executing) }
                    return try await input.next()
                }
            )
        }

        let result = await execute(words: words, payload: payload, text: text)
        if let payload, !payload.finished { await payload.drain() }

        switch result {
        case .failure(let error):
            return (ResponseRenderer.render(error, format: formatForThisCommand), false)
        case .success(let response):
            if case .setFormat(let newFormat) = response.effect {
                format = newFormat
                formatForThisCommand = newFormat
            }
            return (ResponseRenderer.render(response, format: formatForThisCommand), response.effect == .close)
        }
    }

    private func execute(words: [String], payload: PayloadReader?, text: String) async -> Result<ConsoleResponse, ConsoleError> {
        guard !words.isEmpty else {
            return .failure(.syntax("no command before the payload marker; type 'help' for the list"))
        }
        guard let (command, rest) = commands.match(words) else {
            return .failure(.init(.unknownCommand, "unknown command '\(words[0])'; type 'help' for the commands you may run"))
        }
        guard command.minimumRole <= peer.role else {
            environment.logger.notice("console command refused", metadata: auditMetadata(command: text, result: "ERR PERM"))
            return .failure(.permission("'\(command.name)' needs the \(command.minimumRole) role; \(peer.displayName) is \(peer.role)"))
        }
        if payload != nil, !command.acceptsPayload {
            return .failure(.syntax("'\(command.name)' takes no payload block; remove the <<\(payload!.marker)"))
        }
        let arguments = CommandArguments(command: command.name, words: rest)
        let result: Result<ConsoleResponse, ConsoleError>
        do {
            if let payload {
                // A payload command reads this session's input as it runs, so it cannot be
                // left behind at a deadline: the payload's stall limit bounds it instead.
                var context = CommandContext(peer: peer, arguments: arguments, payload: payload, environment: environment, commands: commands)
                if command.bulk {
                    result = .success(try await withTaskExecutorPreference(BulkWorkExecutor.shared) { try await command.run(&context) })
                } else {
                    result = .success(try await command.run(&context))
                }
            } else {
                result = .success(try await runWithDeadline(command, arguments: arguments))
            }
        } catch let error as ConsoleError {
            result = .failure(error)
        } catch let error as any ConsoleReportable {
            result = .failure(error.consoleError)
        } catch {
            result = .failure(unexpected(error, in: command))
        }
        if command.changesState {
            let outcome: String =
                switch result {
                case .success: "OK"
                case .failure(let error): "ERR \(error.code.rawValue)"
                }
            environment.logger.info("console command", metadata: auditMetadata(command: text, result: outcome))
        } else {
            environment.logger.debug("console command", metadata: auditMetadata(command: text, result: "done"))
        }
        return result
    }

    /// Runs a command without a payload under its deadline (`console.command_timeout_seconds`,
    /// or `console.bulk_command_timeout_seconds` for bulk commands), on the bulk executor
    /// when it is bulk work.
    private func runWithDeadline(_ command: ConsoleCommand, arguments: CommandArguments) async throws -> ConsoleResponse {
        let (peer, environment, commands) = (self.peer, self.environment, self.commands)
        let timeout = command.bulk ? environment.limits.bulkCommandTimeout : environment.limits.commandTimeout
        let answer = try await CommandDeadline.run(within: timeout, preferring: command.bulk ? BulkWorkExecutor.shared : nil) {
            var context = CommandContext(peer: peer, arguments: arguments, payload: nil, environment: environment, commands: commands)
            return try await command.run(&context)
        }
        guard let answer else {
            let key = command.bulk ? "console.bulk_command_timeout_seconds" : "console.command_timeout_seconds"
            environment.logger.warning("console command timed out", metadata: ["command": "\(command.name)", "seconds": "\(timeout.components.seconds)"])
            throw ConsoleError(
                .timeout, "'\(command.name)' did not finish within \(timeout.spoken) (\(key)) and was stopped; a change it was making may still complete, so check before you retry"
            )
        }
        return answer
    }

    /// An error no layer translated: a lost database is UNAVAILABLE, anything else a bug.
    private func unexpected(_ error: any Error, in command: ConsoleCommand) -> ConsoleError {
        if let translated = ServiceError.from(error) as? ServiceError {
            environment.logger.warning("command failed", metadata: ["command": "\(command.name)", "error": "\(translated.message)"])
            return translated.consoleError
        }
        environment.logger.error("command failed unexpectedly", metadata: ["command": "\(command.name)", "error": "\(String(reflecting: error))"])
        return ConsoleError(.internal, "'\(command.name)' failed unexpectedly; the daemon log has the details")
    }

    private func auditMetadata(command: String, result: String) -> Logger.Metadata {
        [
            "uid": "\(peer.uid)", "pid": "\(peer.pid)", "user": "\(peer.userName ?? "-")",
            "role": "\(peer.role)", "command": "\(command.prefix(300))", "result": "\(result)",
        ]
    }

    private func decode(_ line: InboundLine) -> Result<String, ConsoleError> {
        switch line {
        case .tooLong(let limit):
            return .failure(.limit("line longer than \(limit) bytes (console.max_line_bytes); it was discarded"))
        case .bytes(var bytes):
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(.syntax("the line is not valid UTF-8"))
            }
            if let (offset, scalar) = text.unicodeScalars.enumerated().first(where: { $0.element.value < 0x20 && $0.element != "\t" || $0.element.value == 0x7F }) {
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                return .failure(.syntax("control character \(code) at column \(offset + 1); commands are plain text"))
            }
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                return .failure(.syntax("empty line; type a command, or 'help' for the list"))
            }
            return .success(text)
        }
    }
}

/// How the transport follows and steers a session.
public struct SessionHooks {
    /// Called as the session moves between waiting for a command, reading a payload and
    /// executing; the transport arms its idle and stalled-payload timers from this.
    public var phaseChanged: (SessionPhase) -> Void
    /// Checked before each new command: true during shutdown, so a command in flight
    /// finishes and is answered but no new one starts.
    public var shouldStop: () -> Bool

    public init(phaseChanged: @escaping (SessionPhase) -> Void = { _ in }, shouldStop: @escaping () -> Bool = { false }) {
        self.phaseChanged = phaseChanged
        self.shouldStop = shouldStop
    }
}

public enum SessionPhase: Sendable, Equatable {
    case awaitingCommand
    case readingPayload
    case executing
}

/// An error from a lower layer (store, services) that knows how the console should show it.
public protocol ConsoleReportable: Error {
    var consoleError: ConsoleError { get }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
