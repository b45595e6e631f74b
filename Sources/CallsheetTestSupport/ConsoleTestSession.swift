public import CallsheetClient
import CallsheetConsole
import CallsheetDaemon
public import CallsheetDomain
public import CallsheetServices
public import CallsheetStore
public import Foundation
import Logging

/// The full console (every command, real services, a real database) without a socket:
/// feed it lines as a given user, get the response lines back.
public struct ConsoleTestSession: Sendable {
    public let database: Database
    public var settings: DirectorySettings
    public var campaignSettings: CampaignSettings
    public var callSettings: CallSettings

    /// Campaign settings read the repository's `Config/workflows` and a clock fixed at
    /// Monday 2026-11-23 09:00 UTC (week 2026-W48), so tests run in domain time.
    public init(
        database: Database, settings: DirectorySettings = DirectorySettings(), campaignSettings: CampaignSettings = ConsoleTestSession.campaignSettings(),
        callSettings: CallSettings = CallSettings()
    ) {
        self.database = database
        self.settings = settings
        self.campaignSettings = campaignSettings
        self.callSettings = callSettings
    }

    /// The repository's workflow files, UTC, and `now` as the clock.
    public static func campaignSettings(now: Date = ConsoleTestSession.monday) -> CampaignSettings {
        CampaignSettings(workflows: WorkflowFile.source(directory: workflowsDirectory), timeZone: TimeZone(identifier: "UTC")!, clock: { now })
    }

    /// 2026-11-23T09:00:00Z, Monday of 2026-W48.
    public static let monday = Date(timeIntervalSince1970: 1_795_424_400)

    /// `Config/workflows` of this checkout.
    public static var workflowsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/workflows").path
    }

    /// Runs `lines` in one session as `role` (uid 1000, `anna` unless given) and returns each
    /// response's lines without the terminating empty line.
    public func run(_ lines: [String], role: Role = .admin, uid: UInt32 = 1000, user: String = "anna") async -> [[String]] {
        let environment = ConsoleEnvironment(
            // Generous deadlines: behaviour tests run in parallel on two cores.
            limits: SessionLimits(commandTimeout: .seconds(300), bulkCommandTimeout: .seconds(900)),
            status: {
                DaemonStatus(
                    version: CallsheetVersion.current, pid: 1, startedAt: Date(), database: "test", databaseReachable: true,
                    databaseProblem: nil, schemaVersion: SchemaMigrations.latestVersion, poolInUse: 0, poolMaximum: 1,
                    connections: 1, connectionLimit: 1)
            },
            logger: Logger(label: "callsheet.test-console"),
            services: UseCases(database: database, settings: settings, campaignSettings: campaignSettings, callSettings: callSettings)
        )
        let session = ConsoleSession(
            peer: ConsolePeer(pid: 4242, uid: uid, gid: uid, userName: user, role: role),
            environment: environment, commands: CommandTable(CallsheetConsoleCommands.all)
        )
        var remaining = lines.map { InboundLine.bytes(Array($0.utf8)) }[...]
        var responses: [[String]] = []
        await session.run(input: LineInput { remaining.popFirst() }) { response in
            responses.append(Array(response.dropLast()))
        }
        return responses
    }

    /// Runs `lines` like ``run(_:role:uid:user:)`` and returns each answer parsed as the real
    /// client parses it: status fields by name (`reply.field("task")`), table rows by column
    /// (`reply.rows`) — so a test reads answers, not padded text at an index.
    public func replies(_ lines: [String], role: Role = .admin, uid: UInt32 = 1000, user: String = "anna") async -> [ConsoleReply] {
        await run(lines, role: role, uid: uid, user: user).map { ConsoleReply(body: Array($0.dropLast()), status: $0.last ?? "") }
    }

    /// One command; its response lines.
    public func run(_ line: String, role: Role = .admin) async -> [String] {
        await run([line], role: role).first ?? []
    }
}
