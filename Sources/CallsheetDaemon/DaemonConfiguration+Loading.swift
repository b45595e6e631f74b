import CallsheetDomain
import CallsheetServices
import CallsheetStore
import Foundation
import Logging
import Yams

extension DaemonConfiguration {
    /// Reads `path` strictly: an unknown key, a value of the wrong type or out of range,
    /// or an unreadable file stops start-up with a message naming file, line and key.
    public static func load(file path: String) throws(ConfigurationError) -> DaemonConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw ConfigurationError("cannot read config file \(path): \(FileManager.default.fileExists(atPath: path) ? reason : "no such file")")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses YAML text; `file` only names the source in messages.
    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> DaemonConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(file): not valid YAML: \(error)")
        }
        var config = DaemonConfiguration()
        guard let root, root.null == nil else { return config }
        let reader = ConfigReader(file: file)
        let top = try reader.mapping(
            root, path: "",
            keys: [
                "state_dir", "log_level", "database", "embedded", "console", "http", "roles", "directory", "workflows_dir", "calendar", "scheduler", "calls",
                "mail",
            ])
        if let n = top["state_dir"] { config.stateDirectory = try reader.string(n, path: "state_dir") ?? config.stateDirectory }
        if let n = top["log_level"], let level = try reader.string(n, path: "log_level") {
            config.logLevel = try reader.logLevel(level, at: n, path: "log_level")
        }
        if let n = top["database"] {
            let s = try reader.mapping(n, path: "database", keys: ["url", "max_connections", "connect_timeout_seconds", "lease_timeout_seconds", "statement_timeouts"])
            if let v = s["url"] { config.database.url = try reader.string(v, path: "database.url").flatMap { $0.isEmpty ? nil : $0 } }
            if let v = s["max_connections"] { config.database.maximumConnections = try reader.int(v, path: "database.max_connections", in: 1...1000) }
            if let v = s["connect_timeout_seconds"] { config.database.connectTimeoutSeconds = try reader.int(v, path: "database.connect_timeout_seconds", in: 1...600) }
            if let v = s["lease_timeout_seconds"] { config.database.timeouts.lease = .seconds(try reader.int(v, path: "database.lease_timeout_seconds", in: 1...3600)) }
            if let v = s["statement_timeouts"] { try readStatementTimeouts(v, reader: reader, into: &config.database.timeouts) }
        }
        if let n = top["embedded"] {
            let s = try reader.mapping(n, path: "embedded", keys: ["bin_dir", "os_user", "port", "server_settings", "restart_attempts"])
            if let v = s["bin_dir"] { config.embedded.binDirectory = try reader.string(v, path: "embedded.bin_dir").flatMap { $0.isEmpty ? nil : $0 } }
            if let v = s["os_user"], let user = try reader.string(v, path: "embedded.os_user") { config.embedded.osUser = user }
            if let v = s["port"] { config.embedded.port = try reader.int(v, path: "embedded.port", in: 1...65535) }
            if let v = s["server_settings"] {
                config.embedded.serverSettings = try reader.stringMap(v, path: "embedded.server_settings")
                if let taken = config.embedded.serverSettings.keys.sorted().first(where: EmbeddedPostgresSettings.reservedSettings.contains) {
                    throw ConfigurationError(
                        "\(reader.location(v, "embedded.server_settings.\(taken)")): callsheetd sets \(taken) itself (the cluster listens only on its private socket, with its own authentication); remove it"
                    )
                }
            }
            if let v = s["restart_attempts"] { config.embedded.restartAttempts = try reader.int(v, path: "embedded.restart_attempts", in: 1...1000) }
        }
        if let n = top["console"] {
            try readConsole(n, reader: reader, into: &config.console)
        }
        if let n = top["http"] {
            try readHTTP(n, reader: reader, into: &config.http)
        }
        if let n = top["mail"] {
            try readMail(n, reader: reader, into: &config)
        }
        if let n = top["roles"] {
            let s = try reader.mapping(n, path: "roles", keys: ["admin", "manager", "viewer"])
            if let v = s["admin"] { config.roles.admin = try reader.roleRule(v, path: "roles.admin") }
            if let v = s["manager"] { config.roles.manager = try reader.roleRule(v, path: "roles.manager") }
            if let v = s["viewer"] { config.roles.viewer = try reader.roleRule(v, path: "roles.viewer") }
        }
        if let n = top["directory"] {
            let s = try reader.mapping(n, path: "directory", keys: ["default_country", "default_capacity"])
            if let v = s["default_country"], let code = try reader.string(v, path: "directory.default_country") {
                guard let country = CallingCountry.named(code) else {
                    let known = CallingCountry.all.map(\.code).joined(separator: ", ")
                    throw ConfigurationError("\(reader.location(v, "directory.default_country")): unknown country \"\(code)\" (known: \(known))")
                }
                config.directory.defaultCountry = country
            }
            if let v = s["default_capacity"] { config.directory.defaultCapacity = try reader.int(v, path: "directory.default_capacity", in: 0...100_000) }
        }
        if let n = top["workflows_dir"], let dir = try reader.string(n, path: "workflows_dir"), !dir.isEmpty { config.workflowsDirectory = dir }
        if let n = top["calendar"] {
            let s = try reader.mapping(n, path: "calendar", keys: ["holidays", "time_zone"])
            if let v = s["holidays"] {
                for text in try reader.stringList(v, path: "calendar.holidays") {
                    guard let date = LocalDate(iso: text) else {
                        throw ConfigurationError("\(reader.location(v, "calendar.holidays")): \"\(text)\" is not a date like 2026-12-24")
                    }
                    config.calendar.holidays.insert(date)
                }
            }
            if let v = s["time_zone"], let zone = try reader.string(v, path: "calendar.time_zone"), !zone.isEmpty {
                if let problem = DirectoryRules.validTimeZone(zone) { throw ConfigurationError("\(reader.location(v, "calendar.time_zone")): \(problem)") }
                config.calendar.timeZone = zone
            }
        }
        if let n = top["calls"] {
            let s = try reader.mapping(n, path: "calls", keys: ["lease_minutes", "min_gap_minutes", "escalate_after_minutes", "max_open_callbacks", "manager_accounts"])
            if let v = s["lease_minutes"] { config.calls.leaseMinutes = try reader.int(v, path: "calls.lease_minutes", in: 1...1440) }
            if let v = s["min_gap_minutes"] { config.calls.minimumGapMinutes = try reader.int(v, path: "calls.min_gap_minutes", in: 0...10_080) }
            if let v = s["escalate_after_minutes"] { config.calls.escalateAfterMinutes = try reader.int(v, path: "calls.escalate_after_minutes", in: 1...100_000) }
            if let v = s["max_open_callbacks"] { config.calls.maximumOpenCallbacks = try reader.int(v, path: "calls.max_open_callbacks", in: 1...100_000) }
            if let v = s["manager_accounts"] { config.calls.managerAccounts = try reader.accountMap(v, path: "calls.manager_accounts") }
        }
        if let n = top["scheduler"] {
            let s = try reader.mapping(n, path: "scheduler", keys: ["interval_seconds"])
            if let v = s["interval_seconds"] { config.schedulerIntervalSeconds = try reader.int(v, path: "scheduler.interval_seconds", in: 1...86_400) }
        }
        return config
    }

    private static func readConsole(_ node: Node, reader: ConfigReader, into console: inout ConsoleSettings) throws(ConfigurationError) {
        let s = try reader.mapping(
            node, path: "console",
            keys: [
                "socket", "socket_group", "max_line_bytes", "max_payload_bytes", "max_connections",
                "max_connections_per_uid", "idle_timeout_seconds", "payload_stall_seconds", "write_stall_seconds",
                "command_timeout_seconds", "bulk_command_timeout_seconds", "reserved_admin_connections",
            ])
        if let v = s["socket"] { console.socket = try reader.string(v, path: "console.socket").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = s["socket_group"] { console.socketGroup = try reader.string(v, path: "console.socket_group").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = s["max_line_bytes"] { console.maximumLineBytes = try reader.int(v, path: "console.max_line_bytes", in: 256...(16 << 20)) }
        if let v = s["max_payload_bytes"] { console.maximumPayloadBytes = try reader.int(v, path: "console.max_payload_bytes", in: 1024...(1 << 40)) }
        if let v = s["max_connections"] { console.maximumConnections = try reader.int(v, path: "console.max_connections", in: 1...100_000) }
        if let v = s["max_connections_per_uid"] { console.maximumConnectionsPerUID = try reader.int(v, path: "console.max_connections_per_uid", in: 1...100_000) }
        if let v = s["idle_timeout_seconds"] { console.idleTimeoutSeconds = try reader.int(v, path: "console.idle_timeout_seconds", in: 1...604_800) }
        if let v = s["payload_stall_seconds"] { console.payloadStallSeconds = try reader.int(v, path: "console.payload_stall_seconds", in: 1...3600) }
        if let v = s["write_stall_seconds"] { console.writeStallSeconds = try reader.int(v, path: "console.write_stall_seconds", in: 1...3600) }
        if let v = s["command_timeout_seconds"] { console.commandTimeoutSeconds = try reader.int(v, path: "console.command_timeout_seconds", in: 1...86_400) }
        if let v = s["bulk_command_timeout_seconds"] { console.bulkCommandTimeoutSeconds = try reader.int(v, path: "console.bulk_command_timeout_seconds", in: 1...86_400) }
        if let v = s["reserved_admin_connections"] { console.reservedAdminConnections = try reader.int(v, path: "console.reserved_admin_connections", in: 0...10_000) }
    }

    private static func readHTTP(_ node: Node, reader: ConfigReader, into http: inout HTTPSettings) throws(ConfigurationError) {
        let s = try reader.mapping(node, path: "http", keys: ["host", "port", "public_url", "allow_plaintext", "trusted_proxies", "tls", "session", "password_cost"])
        if let v = s["host"], let host = try reader.string(v, path: "http.host"), !host.isEmpty { http.host = host }
        if let v = s["port"] { http.port = try reader.int(v, path: "http.port", in: 0...65535) }
        if let v = s["public_url"] { http.publicURL = try reader.string(v, path: "http.public_url").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = s["allow_plaintext"] { http.allowPlaintext = try reader.bool(v, path: "http.allow_plaintext") }
        if let v = s["trusted_proxies"] { http.trustedProxies = try reader.stringList(v, path: "http.trusted_proxies") }
        if let v = s["tls"] {
            let t = try reader.mapping(v, path: "http.tls", keys: ["certificate", "key"])
            if let c = t["certificate"] { http.tlsCertificate = try reader.string(c, path: "http.tls.certificate").flatMap { $0.isEmpty ? nil : $0 } }
            if let k = t["key"] { http.tlsKey = try reader.string(k, path: "http.tls.key").flatMap { $0.isEmpty ? nil : $0 } }
        }
        if let v = s["password_cost"] { http.passwordCost = try reader.int(v, path: "http.password_cost", in: 10...14) }
        if let v = s["session"] {
            let t = try reader.mapping(v, path: "http.session", keys: ["idle_minutes", "lifetime_hours"])
            if let n = t["idle_minutes"] { http.sessionIdleMinutes = try reader.int(n, path: "http.session.idle_minutes", in: 1...10_080) }
            if let n = t["lifetime_hours"] { http.sessionLifetimeHours = try reader.int(n, path: "http.session.lifetime_hours", in: 1...2_160) }
        }
        try http.check()
    }

    private static func readStatementTimeouts(_ node: Node, reader: ConfigReader, into timeouts: inout DatabaseTimeouts) throws(ConfigurationError) {
        let path = "database.statement_timeouts"
        let s = try reader.mapping(node, path: path, keys: ["call_loop_ms", "general_ms", "reports_ms", "imports_ms"])
        let range = 0...86_400_000
        if let v = s["call_loop_ms"] { timeouts.callLoopStatement = .milliseconds(try reader.int(v, path: path + ".call_loop_ms", in: range)) }
        if let v = s["general_ms"] { timeouts.generalStatement = .milliseconds(try reader.int(v, path: path + ".general_ms", in: range)) }
        if let v = s["reports_ms"] { timeouts.reportStatement = .milliseconds(try reader.int(v, path: path + ".reports_ms", in: range)) }
        if let v = s["imports_ms"] { timeouts.importStatement = .milliseconds(try reader.int(v, path: path + ".imports_ms", in: range)) }
    }

    /// Applies `CALLSHEET_DATABASE_URL`, `CALLSHEET_SOCKET`, `CALLSHEET_HTTP_PORT` and `CALLSHEET_LOG_LEVEL`.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigurationError) {
        if let url = environment["CALLSHEET_DATABASE_URL"], !url.isEmpty { database.url = url }
        if let socket = environment["CALLSHEET_SOCKET"], !socket.isEmpty { console.socket = socket }
        if let text = environment["CALLSHEET_HTTP_PORT"], !text.isEmpty {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw ConfigurationError("CALLSHEET_HTTP_PORT=\(text) is not a port (0 to 65535; 0 turns the HTTP API off)")
            }
            http.port = port
        }
        if let level = environment["CALLSHEET_LOG_LEVEL"], !level.isEmpty {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError("CALLSHEET_LOG_LEVEL=\(level) is not a log level (trace, debug, info, notice, warning, error, critical)")
            }
            logLevel = parsed
        }
    }
}
