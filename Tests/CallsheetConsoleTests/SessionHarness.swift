import CallsheetDomain
import CallsheetServices
import Foundation
import Logging
import Synchronization

@testable import CallsheetConsole

/// Drives a ``ConsoleSession`` with lines in memory: the protocol without a socket.
struct SessionHarness {
    static let extraCommands: [ConsoleCommand] = [
        ConsoleCommand("test count", summary: "counts payload lines", minimumRole: .viewer, acceptsPayload: true) { context in
            guard let payload = context.payload else { throw ConsoleError.syntax("needs a payload") }
            var lines = 0, bytes = 0
            while let line = try await payload.next() {
                lines += 1
                bytes += line.utf8.count
            }
            return ConsoleResponse(status: [("lines", .int(lines)), ("bytes", .int(bytes))])
        },
        ConsoleCommand("test first", summary: "reads one payload line only", minimumRole: .viewer, acceptsPayload: true) { context in
            let first = try await context.payload?.next()
            return ConsoleResponse(status: [("first", .string(first ?? "-"))])
        },
        ConsoleCommand("test wipe", summary: "an admin-only state change", minimumRole: .admin, changesState: true) { _ in
            ConsoleResponse(status: [("wiped", true)])
        },
        ConsoleCommand("test bulk", summary: "says whether it runs on the bulk executor", minimumRole: .viewer, bulk: true) { _ in
            ConsoleResponse(status: [("on_bulk_executor", .bool(SessionHarness.onBulkExecutor()))])
        },
        ConsoleCommand("test stuck", summary: "runs 20 s and ignores cancellation, like a query on a vanished server", minimumRole: .viewer) { _ in
            let end = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(20)) }
            return ConsoleResponse(status: [("finished", true)])
        },
        ConsoleCommand("test light", summary: "says whether it runs on the bulk executor", minimumRole: .viewer) { _ in
            ConsoleResponse(status: [("on_bulk_executor", .bool(SessionHarness.onBulkExecutor()))])
        },
    ]

    static func onBulkExecutor() -> Bool {
        withUnsafeCurrentTask { $0?.unownedTaskExecutor } == BulkWorkExecutor.shared.asUnownedTaskExecutor()
    }

    let logs = LogCapture()
    let role: Role
    let maximumPayloadBytes: Int
    let commandTimeout: Duration

    init(role: Role = .admin, maximumPayloadBytes: Int = 1 << 20, commandTimeout: Duration = .seconds(30)) {
        self.role = role
        self.maximumPayloadBytes = maximumPayloadBytes
        self.commandTimeout = commandTimeout
    }

    /// Runs a whole session over `input` and returns the responses (each without its blank line).
    func run(_ input: [InboundLine]) async -> [[String]] {
        let logs = self.logs
        let environment = ConsoleEnvironment(
            limits: SessionLimits(maximumPayloadBytes: maximumPayloadBytes, commandTimeout: commandTimeout, bulkCommandTimeout: commandTimeout),
            status: {
                DaemonStatus(
                    version: "t", pid: 1, startedAt: Date(), database: "test", databaseReachable: true, databaseProblem: nil,
                    schemaVersion: 1, poolInUse: 0, poolMaximum: 1, connections: 1, connectionLimit: 1)
            },
            logger: Logger(label: "test") { _ in logs }
        )
        let peer = ConsolePeer(pid: 42, uid: 1000, gid: 1000, userName: "anna", role: role)
        let session = ConsoleSession(peer: peer, environment: environment, commands: CommandTable(SessionCommands.all + Self.extraCommands))
        var responses: [[String]] = []
        var remaining = input[...]
        await session.run(input: LineInput { remaining.popFirst() }) { lines in
            precondition(lines.last == "")
            responses.append(Array(lines.dropLast()))
        }
        return responses
    }

    func run(_ lines: String...) async -> [[String]] {
        await run(lines.map { .bytes(Array($0.utf8)) })
    }
}

/// Collects log records so tests can check the audit trail.
final class LogCapture: LogHandler, Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Record]>([])
    var records: [Record] { storage.withLock { $0 } }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        let flat = (event.metadata ?? [:]).mapValues { "\($0)" }
        storage.withLock { $0.append(Record(level: event.level, message: event.message.description, metadata: flat)) }
    }
}
