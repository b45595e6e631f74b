public import CallsheetDomain
public import CallsheetServices
public import CallsheetStore
import Foundation
public import Logging

/// Everything `callsheetd` can be told, with the defaults a team on one host wants.
///
/// Loaded from a YAML file (`Config/callsheet.example.yaml` documents every key), then
/// environment overrides, then command-line flags. Values are plain `Sendable` structs so
/// that each part of the daemon receives only its own section.
public struct DaemonConfiguration: Sendable, Equatable {
    /// `state_dir`: where the embedded cluster, the console socket and the lock file live.
    /// Relative paths are taken from the working directory. Default `./.callsheet`.
    public var stateDirectory: String = ".callsheet"
    /// `log_level`: trace, debug, info, notice, warning, error, critical. Default info.
    public var logLevel: Logger.Level = .info
    public var database = DatabaseSettings()
    public var embedded = EmbeddedPostgresSettings()
    public var console = ConsoleSettings()
    public var http = HTTPSettings()
    public var roles = RoleMapping()
    public var directory = DirectorySettings()
    /// `workflows_dir`: the workflow files campaigns are created from (docs/workflows.md),
    /// read again on every use. Relative to the working directory. Default `Config/workflows`.
    public var workflowsDirectory: String = "Config/workflows"
    public var calendar = CalendarSettings()
    /// `scheduler.interval_seconds`: how often the scheduler looks for waves to open
    /// (`campaign set --auto-wave`). Default 60.
    public var schedulerIntervalSeconds = 60
    public var calls = CallSettings()
    /// `mail:` the daily e-mail's sender and time (issue 23).
    public var mail = MailSettings()
    /// `mail.smtp:` the relay; nil: none (then `mail.sendmail`, or no sending at all).
    var smtp: SMTPSettings?

    public init() {}

    /// The console socket path in force: the configured one, else `STATE_DIR/console.sock`.
    public var socketPath: String {
        console.socket ?? (stateDirectory as NSString).appendingPathComponent("console.sock")
    }
}

/// `calendar:` — what every campaign's business calendar shares.
public struct CalendarSettings: Sendable, Equatable {
    /// `holidays`: public holidays (YYYY-MM-DD) that are not working days in any campaign,
    /// on top of each campaign's own `--holidays`. Default none.
    public var holidays: Set<LocalDate> = []
    /// `time_zone`: the zone in which "today" is taken when a wave or an assignment is
    /// dated. Empty: the daemon's zone (TZ). Calling hours always use the client's zone.
    public var timeZone: String?

    public init() {}
}

/// `database:` — an external PostgreSQL; leave `url` empty for the embedded cluster.
public struct DatabaseSettings: Sendable, Equatable {
    /// `url`: `postgres://USER:PASSWORD@HOST:PORT/DB[?sslmode=…]` or
    /// `postgres://USER@/DB?host=/socket/dir`. Empty: start the embedded cluster.
    public var url: String?
    /// `max_connections`: connections to PostgreSQL: half for the call loop's pool, a
    /// quarter for reports, the rest for everything else (see `Database`). Default 20.
    public var maximumConnections = 20
    /// `connect_timeout_seconds`: give up on one connection attempt after this. Default 10.
    public var connectTimeoutSeconds = 10
    /// `lease_timeout_seconds` and `statement_timeouts.*_ms`: how long a use case waits
    /// for a connection, and how long each kind of statement may run (`DatabaseTimeouts`).
    public var timeouts = DatabaseTimeouts()

    public init() {}
}

/// `embedded:` — the private cluster started when no database URL is set.
public struct EmbeddedPostgresSettings: Sendable, Equatable {
    /// `bin_dir`: directory holding initdb, pg_ctl and postgres. Empty: `pg_config --bindir`,
    /// then the newest `/usr/lib/postgresql/*/bin`, then `PATH`.
    public var binDirectory: String?
    /// `os_user`: the account that runs the cluster when callsheetd runs as root
    /// (PostgreSQL refuses to run as root). Default `postgres`.
    public var osUser = "postgres"
    /// `port`: only names the socket file (`.s.PGSQL.PORT`); the cluster listens on no TCP
    /// address. Default 5432.
    public var port = 5432
    /// `server_settings`: extra `postgresql.conf` settings, e.g. `shared_buffers: 256MB`.
    /// `listen_addresses`, `port`, `unix_socket_*`, `hba_file` and `ident_file` are the
    /// daemon's and are refused here.
    public var serverSettings: [String: String] = [:]
    /// `restart_attempts`: when the cluster's postmaster dies without being asked to, it is
    /// started again (PostgreSQL's crash recovery) after 1, 2, 4 … 30 s; after this many
    /// failed starts in a row callsheetd exits non-zero for its supervisor. Default 10.
    public var restartAttempts = 10

    /// Settings the daemon owns: where the cluster listens and who may connect.
    static let reservedSettings: Set<String> = [
        "listen_addresses", "port", "unix_socket_directories", "unix_socket_permissions", "unix_socket_group",
        "hba_file", "ident_file", "data_directory", "config_file", "include", "include_dir", "include_if_exists",
    ]

    public init() {}
}

/// `console:` — the administrative Unix socket and its limits.
public struct ConsoleSettings: Sendable, Equatable {
    /// `socket`: path of the socket. Empty: `STATE_DIR/console.sock`. At most 107 bytes.
    public var socket: String?
    /// `socket_group`: group that owns the socket (mode 0660) and its directory (0750), so
    /// that its members can connect. Empty: the daemon's own group.
    public var socketGroup: String?
    /// `max_line_bytes`: longest command or payload line. Default 16384.
    public var maximumLineBytes = 16 * 1024
    /// `max_payload_bytes`: largest `<<MARK` payload (CSV import). Default 536870912 (512 MiB): a 1,000,000-row client export is about 110 MB. The payload is streamed, so this bounds runaway input, not memory.
    public var maximumPayloadBytes = 512 * 1024 * 1024
    /// `max_connections`: concurrent console connections in all. Default 256.
    public var maximumConnections = 256
    /// `max_connections_per_uid`: concurrent connections of one OS user. Default 32.
    public var maximumConnectionsPerUID = 32
    /// `idle_timeout_seconds`: close a session that sends no command for this long. Default 3600.
    public var idleTimeoutSeconds = 3600
    /// `payload_stall_seconds`: abandon a payload when no line arrives for this long. Default 30.
    public var payloadStallSeconds = 30
    /// `write_stall_seconds`: drop a client that reads none of its answer for this long. Default 30.
    public var writeStallSeconds = 30
    /// `command_timeout_seconds`: answer `ERR TIMEOUT` and stop a command that runs longer.
    /// Default 30.
    public var commandTimeoutSeconds = 30
    /// `bulk_command_timeout_seconds`: the same for reports, exports and waves. Imports are
    /// bounded by `payload_stall_seconds` instead. Default 600.
    public var bulkCommandTimeoutSeconds = 600
    /// `reserved_admin_connections`: of `max_connections`, how many only administrators may
    /// take. Default 8.
    public var reservedAdminConnections = 8

    public init() {}
}

/// `roles:` — which OS users and groups get which console role.
///
/// root and the daemon's own user are always administrators. Anyone matched by no rule is
/// turned away at connect with `ERR PERM`. A user matched by several rules gets the highest.
public struct RoleMapping: Sendable, Equatable {
    /// `admin`, `manager`, `viewer`: each `{users: [...], groups: [...]}`.
    public var admin = RoleRule()
    public var manager = RoleRule()
    public var viewer = RoleRule()

    public init() {}
}

public struct RoleRule: Sendable, Equatable {
    public var users: [String] = []
    public var groups: [String] = []

    public init(users: [String] = [], groups: [String] = []) {
        self.users = users
        self.groups = groups
    }
}
