import CallsheetDomain
import Foundation

/// The commands every session has, whatever features the daemon carries: `help`,
/// `status`, `version`, `whoami`, `ping`, `format`, `quit`.
public enum SessionCommands {
    public static let all: [ConsoleCommand] = [help, status, version, whoami, ping, format, quit]

    static let help = ConsoleCommand(
        "help", usage: "help [COMMAND...]",
        summary: "list the commands you may run, or show how to use one", minimumRole: .viewer
    ) { context in
        let words = context.arguments
        var rest: [String] = []
        var args = words
        while let w = args.positional() { rest.append(w) }
        try args.finish()
        if rest.isEmpty {
            let allowed = context.commands.allowed(for: context.peer.role)
            return ConsoleResponse(
                status: [("commands", .int(allowed.count)), ("role", .string("\(context.peer.role)"))],
                body: .table(
                    columns: ["command", "role", "summary"],
                    rows: allowed.map {
                        [.string($0.name), .string("\($0.minimumRole)"), .string($0.summary)]
                    })
            )
        }
        guard let (command, extra) = context.commands.match(rest), extra.isEmpty else {
            throw ConsoleError.notFound("no command '\(rest.joined(separator: " "))'; type 'help' for the list")
        }
        var lines = ["usage: \(command.usage)", command.summary, "least role: \(command.minimumRole)"]
        if command.acceptsPayload { lines.append("takes a payload block: end the line with <<END, send the data, then a line END") }
        if command.changesState { lines.append("changes state: logged with your uid, pid and role") }
        return ConsoleResponse(status: [("command", .string(command.name))], body: .lines(lines))
    }

    static let status = ConsoleCommand(
        "status", summary: "version, uptime, database, schema version, pool and connections", minimumRole: .viewer
    ) { context in
        try context.arguments.finish()
        let s = await context.environment.status()
        let uptime = Int(Date().timeIntervalSince(s.startedAt))
        var record: [(String, ConsoleValue)] = [
            ("version", .string(s.version)),
            ("pid", .int(Int(s.pid))),
            ("uptime", .string(humanDuration(uptime))),
            ("uptime_seconds", .int(uptime)),
            ("database", .string(s.database)),
            ("database_reachable", .bool(s.databaseReachable)),
            ("schema_version", s.schemaVersion.map { .int($0) } ?? .null),
            ("pool_in_use", .int(s.poolInUse)),
            ("pool_maximum", .int(s.poolMaximum)),
            ("connections", .int(s.connections)),
            ("connection_limit", .int(s.connectionLimit)),
        ]
        if let problem = s.databaseProblem { record.append(("database_problem", .string(problem))) }
        return ConsoleResponse(
            status: [
                ("version", .string(s.version)), ("database", .string(s.databaseReachable ? "up" : "down")),
                ("schema", s.schemaVersion.map { .int($0) } ?? .null),
            ],
            body: .record(record)
        )
    }

    static let version = ConsoleCommand("version", summary: "the daemon's version", minimumRole: .viewer) { context in
        try context.arguments.finish()
        return ConsoleResponse(status: [("version", .string(CallsheetVersion.current))])
    }

    static let whoami = ConsoleCommand(
        "whoami", summary: "who the daemon thinks you are, and your role", minimumRole: .viewer
    ) { context in
        try context.arguments.finish()
        let p = context.peer
        // Whom `next`, `outcome` and `agenda` act for in this session (calls.manager_accounts).
        let worksAs: ConsoleValue =
            switch p.role {
            case .manager: .string(try context.ownManagerLogin())
            case .admin: .string("any manager, named with --as LOGIN")
            case .viewer: .null
            }
        return ConsoleResponse(
            status: [("uid", .int(Int(p.uid))), ("user", p.userName.map { .string($0) } ?? .null), ("role", .string("\(p.role)"))],
            body: .record([
                ("uid", .int(Int(p.uid))), ("user", p.userName.map { .string($0) } ?? .null),
                ("gid", .int(Int(p.gid))), ("pid", .int(Int(p.pid))), ("role", .string("\(p.role)")), ("works_as", worksAs),
            ])
        )
    }

    static let ping = ConsoleCommand("ping", summary: "check that the daemon answers", minimumRole: .viewer) { context in
        try context.arguments.finish()
        return ConsoleResponse(status: [("pong", .bool(true))])
    }

    static let format = ConsoleCommand(
        "format", usage: "format text|json",
        summary: "switch this session's answers to aligned text or one JSON document each", minimumRole: .viewer
    ) { context in
        let word = try context.arguments.required("a format: text or json")
        try context.arguments.finish()
        guard let chosen = OutputFormat(rawValue: word.lowercased()) else {
            throw ConsoleError.syntax("unknown format \"\(word)\"; choose text or json")
        }
        return ConsoleResponse(status: [("format", .string(chosen.rawValue))], effect: .setFormat(chosen))
    }

    static let quit = ConsoleCommand("quit", summary: "end this session", minimumRole: .viewer) { context in
        try context.arguments.finish()
        return ConsoleResponse(status: [("bye", .bool(true))], effect: .close)
    }

    static func humanDuration(_ seconds: Int) -> String {
        let d = seconds / 86_400, h = seconds % 86_400 / 3600, m = seconds % 3600 / 60, s = seconds % 60
        if d > 0 { return "\(d)d \(h)h \(m)m" }
        if h > 0 { return "\(h)h \(m)m \(s)s" }
        if m > 0 { return "\(m)m \(s)s" }
        return "\(s)s"
    }
}
