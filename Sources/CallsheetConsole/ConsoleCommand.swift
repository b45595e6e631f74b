public import CallsheetDomain

/// One console command: its words, its usage text, the least role allowed to run it and
/// the code that runs it.
///
/// The role and the state-changing flag live in the definition (not in the command's
/// body) so the session enforces authorization and audit logging in one place for all
/// commands, and `help` can list exactly what a caller may run.
public struct ConsoleCommand: Sendable {
    /// One or more words, lower case: `status`, `client import`.
    public let name: String
    /// The synopsis shown by `help NAME`, e.g. `format text|json`.
    public let usage: String
    /// One line for the `help` list.
    public let summary: String
    /// The least role that may run it: the use case's (``UseCase/minimumRole``, the table
    /// every front-end shares), or the session's own for commands that are no use case
    /// (`help`, `status`, `format` …).
    public let minimumRole: Role
    /// The use case it runs, when it runs one.
    public let useCase: UseCase?
    /// State-changing commands are logged with uid, pid, role, command and result.
    public let changesState: Bool
    /// Whether a `<<MARK` payload block may follow the command line.
    public let acceptsPayload: Bool
    /// Long CPU work in the daemon (reports, exports, imports, waves): the session runs it
    /// on ``BulkWorkExecutor`` so that it never holds up the event loop it shares with other
    /// connections (the daemon runs tasks on the event loops).
    public let bulk: Bool
    public let run: @Sendable (inout CommandContext) async throws -> ConsoleResponse

    /// A session command that runs no use case (`help`, `status`, …): its least role is its own.
    public init(
        _ name: String, usage: String? = nil, summary: String, minimumRole: Role, changesState: Bool = false, acceptsPayload: Bool = false,
        bulk: Bool = false, run: @escaping @Sendable (inout CommandContext) async throws -> ConsoleResponse
    ) {
        self.init(name, usage, summary, (minimumRole, nil), changesState, acceptsPayload, bulk, run)
    }

    /// A command that runs `useCase`: its least role is the use case's (the shared table).
    public init(
        _ name: String, usage: String? = nil, summary: String, useCase: UseCase, changesState: Bool = false, acceptsPayload: Bool = false,
        bulk: Bool = false, run: @escaping @Sendable (inout CommandContext) async throws -> ConsoleResponse
    ) {
        self.init(name, usage, summary, (useCase.minimumRole, useCase), changesState, acceptsPayload, bulk, run)
    }

    private init(
        _ name: String, _ usage: String?, _ summary: String, _ access: (Role, UseCase?), _ changesState: Bool, _ acceptsPayload: Bool, _ bulk: Bool,
        _ run: @escaping @Sendable (inout CommandContext) async throws -> ConsoleResponse
    ) {
        self.name = name
        self.usage = usage ?? name
        self.summary = summary
        (self.minimumRole, self.useCase) = access
        self.changesState = changesState
        self.acceptsPayload = acceptsPayload
        self.bulk = bulk
        self.run = run
    }

    var words: [String] { name.split(separator: " ").map(String.init) }
}

/// What a running command may see: who asked, its arguments, its payload, the daemon.
public struct CommandContext {
    public let peer: ConsolePeer
    public var arguments: CommandArguments
    /// The `<<MARK` block, when the line announced one.
    public let payload: PayloadReader?
    public let environment: ConsoleEnvironment
    public let commands: CommandTable
}

/// The person on the other end of a console connection, as the kernel vouches for them.
public struct ConsolePeer: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The OS user name of `uid`, when the system knows it.
    public var userName: String?
    public var role: Role

    public init(pid: Int32, uid: UInt32, gid: UInt32, userName: String?, role: Role) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.userName = userName
        self.role = role
    }

    /// `uid 1000 (alice)` — how messages and logs name the peer.
    public var displayName: String {
        userName.map { "uid \(uid) (\($0))" } ?? "uid \(uid)"
    }
}
