import Foundation
import Testing

@testable import CallsheetDaemon

@Suite struct ConfigurationTests {
    static let exampleFile: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Config/callsheet.example.yaml").path
    }()

    @Test func theShippedExampleParsesToTheDefaults() throws {
        let config = try DaemonConfiguration.load(file: Self.exampleFile)
        #expect(config == DaemonConfiguration())
    }

    @Test func valuesAreRead() throws {
        let config = try DaemonConfiguration.parse(
            yaml: """
                state_dir: /var/lib/callsheet
                log_level: debug
                database:
                  url: postgres://cs@db.example/callsheet
                  max_connections: 40
                embedded:
                  server_settings:
                    shared_buffers: 256MB
                console:
                  socket: /run/callsheet/console.sock
                  max_connections_per_uid: 4
                roles:
                  manager:
                    users: [anna, 1001]
                    groups: [sales]
                """, file: "t.yaml")
        #expect(config.stateDirectory == "/var/lib/callsheet")
        #expect(config.logLevel == .debug)
        #expect(config.database.url == "postgres://cs@db.example/callsheet")
        #expect(config.database.maximumConnections == 40)
        #expect(config.embedded.serverSettings == ["shared_buffers": "256MB"])
        #expect(config.socketPath == "/run/callsheet/console.sock")
        #expect(config.console.maximumConnectionsPerUID == 4)
        #expect(config.roles.manager == RoleRule(users: ["anna", "1001"], groups: ["sales"]))
    }

    /// The fault-tolerance keys: deadlines, statement limits, restarts, reserved slots.
    @Test func limitsAndTimeoutsAreRead() throws {
        let config = try DaemonConfiguration.parse(
            yaml: """
                database:
                  lease_timeout_seconds: 4
                  statement_timeouts: {call_loop_ms: 1500, general_ms: 60000, reports_ms: 0, imports_ms: 3600000}
                embedded:
                  restart_attempts: 3
                console:
                  command_timeout_seconds: 20
                  bulk_command_timeout_seconds: 300
                  reserved_admin_connections: 2
                """, file: "t.yaml")
        #expect(config.database.timeouts.lease == .seconds(4))
        #expect(config.database.timeouts.callLoopStatement == .milliseconds(1500))
        #expect(config.database.timeouts.generalStatement == .seconds(60))
        #expect(config.database.timeouts.reportStatement == .zero)
        #expect(config.database.timeouts.importStatement == .seconds(3600))
        #expect(config.embedded.restartAttempts == 3)
        #expect(config.console.commandTimeoutSeconds == 20)
        #expect(config.console.bulkCommandTimeoutSeconds == 300)
        #expect(config.console.reservedAdminConnections == 2)
        #expect(
            throws: ConfigurationError(
                "t.yaml:3: database.statement_timeouts.call_loop: unknown key (known keys of database.statement_timeouts: call_loop_ms, general_ms, imports_ms, reports_ms)")
        ) {
            try DaemonConfiguration.parse(yaml: "database:\n  statement_timeouts:\n    call_loop: 5\n", file: "t.yaml")
        }
    }

    /// Where the cluster listens and who may connect are the daemon's, not the operator's.
    @Test func serverSettingsCannotOpenTheCluster() {
        for key in ["listen_addresses", "hba_file", "unix_socket_permissions", "port"] {
            #expect(
                throws: ConfigurationError(
                    "t.yaml:3: embedded.server_settings.\(key): callsheetd sets \(key) itself (the cluster listens only on its private socket, with its own authentication); remove it"
                )
            ) {
                try DaemonConfiguration.parse(yaml: "embedded:\n  server_settings:\n    \(key): x\n", file: "t.yaml")
            }
        }
        #expect(throws: Never.self) { try DaemonConfiguration.parse(yaml: "embedded:\n  server_settings:\n    shared_buffers: 256MB\n", file: "t.yaml") }
    }

    @Test func anUnknownKeyIsNamedWithFileAndLine() {
        #expect(
            throws: ConfigurationError(
                "t.yaml:3: console.max_conections: unknown key (known keys of console: bulk_command_timeout_seconds, command_timeout_seconds, idle_timeout_seconds, max_connections, max_connections_per_uid, max_line_bytes, max_payload_bytes, payload_stall_seconds, reserved_admin_connections, socket, socket_group, write_stall_seconds)"
            )
        ) {
            try DaemonConfiguration.parse(yaml: "log_level: info\nconsole:\n  max_conections: 5\n", file: "t.yaml")
        }
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse(yaml: "databse:\n  url: x\n", file: "t.yaml") }
    }

    @Test func aWrongTypeIsNamed() {
        #expect(throws: ConfigurationError("t.yaml:2: console.max_line_bytes: expected a whole number, got \"lots\"")) {
            try DaemonConfiguration.parse(yaml: "console:\n  max_line_bytes: lots\n", file: "t.yaml")
        }
        #expect(throws: ConfigurationError("t.yaml:1: console: expected a section of keys")) {
            try DaemonConfiguration.parse(yaml: "console: 5\n", file: "t.yaml")
        }
        #expect(throws: ConfigurationError("t.yaml:2: roles.admin.users: expected a list like [a, b], got \"root\"")) {
            try DaemonConfiguration.parse(yaml: "roles:\n  admin: {users: root}\n", file: "t.yaml")
        }
        #expect(throws: ConfigurationError("t.yaml:1: log_level: \"loud\" is not a log level (trace, debug, info, notice, warning, error, critical)")) {
            try DaemonConfiguration.parse(yaml: "log_level: loud\n", file: "t.yaml")
        }
    }

    @Test func outOfRangeIsNamed() {
        #expect(throws: ConfigurationError("t.yaml:2: embedded.port: 70000 is out of range 1…65535")) {
            try DaemonConfiguration.parse(yaml: "embedded:\n  port: 70000\n", file: "t.yaml")
        }
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(throws: ConfigurationError("cannot read config file /nonexistent/cs.yaml: no such file")) {
            try DaemonConfiguration.load(file: "/nonexistent/cs.yaml")
        }
    }

    @Test func invalidYAMLIsReported() {
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse(yaml: "console: [unclosed\n", file: "t.yaml") }
    }

    @Test func environmentOverridesTheFile() throws {
        var config = try DaemonConfiguration.parse(yaml: "log_level: info\n", file: "t.yaml")
        try config.applyEnvironment(["CALLSHEET_DATABASE_URL": "postgres://u@h/d", "CALLSHEET_SOCKET": "/tmp/s.sock", "CALLSHEET_LOG_LEVEL": "ERROR"])
        #expect(config.database.url == "postgres://u@h/d")
        #expect(config.socketPath == "/tmp/s.sock")
        #expect(config.logLevel == .error)
        #expect(throws: ConfigurationError("CALLSHEET_LOG_LEVEL=chatty is not a log level (trace, debug, info, notice, warning, error, critical)")) {
            try config.applyEnvironment(["CALLSHEET_LOG_LEVEL": "chatty"])
        }
    }

    @Test func anEmptyFileMeansDefaults() throws {
        #expect(try DaemonConfiguration.parse(yaml: "# nothing\n", file: "t.yaml") == DaemonConfiguration())
    }
}

@Suite struct RoleResolverTests {
    let resolver = RoleResolver(
        mapping: RoleMapping(admin: RoleRule(users: ["boss"]), manager: RoleRule(users: ["anna", "1234"]), viewer: RoleRule(groups: ["root"])),
        daemonUID: 500
    )

    @Test func rootAndTheDaemonsOwnUserAreAdmin() {
        #expect(resolver.role(uid: 0, userName: "root", groupIDs: [0]) == .admin)
        #expect(resolver.role(uid: 500, userName: "callsheet", groupIDs: [500]) == .admin)
    }

    @Test func usersAndGroupsMapToRoles() {
        #expect(resolver.role(uid: 1000, userName: "boss", groupIDs: []) == .admin)
        #expect(resolver.role(uid: 1001, userName: "anna", groupIDs: []) == .manager)
        #expect(resolver.role(uid: 1234, userName: nil, groupIDs: []) == .manager)
        #expect(resolver.role(uid: 1002, userName: "dir", groupIDs: [0]) == .viewer)
    }

    @Test func unmappedUsersHaveNoRole() {
        #expect(resolver.role(uid: 1003, userName: "stranger", groupIDs: [1003]) == nil)
    }
}

extension RoleMapping {
    init(admin: RoleRule = RoleRule(), manager: RoleRule = RoleRule(), viewer: RoleRule = RoleRule()) {
        self.init()
        self.admin = admin
        self.manager = manager
        self.viewer = viewer
    }
}
