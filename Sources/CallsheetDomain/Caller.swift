/// Who is asking, as every use case receives it: the person (an OS user on the console
/// socket, later a web account), their role, and the manager they work as when they are
/// one. Front-ends only build it; what it may do is decided in the services
/// (`Authorization`), so the console and the HTTP API cannot disagree.
public struct Caller: Sendable, Equatable {
    public enum Identity: Sendable, Equatable {
        /// A console peer: its uid and, when known, its user name.
        case osUser(uid: UInt32, name: String?)
        /// A web account, by login.
        case account(String)
    }

    public var identity: Identity
    public var role: Role
    /// The manager login this caller works as (a manager's own card); nil for others.
    public var manager: String?

    public init(identity: Identity, role: Role, manager: String? = nil) {
        self.identity = identity
        self.role = role
        self.manager = manager
    }

    /// A web account (password, session or API token) with the role the directory gives it
    /// now; a manager works as themself.
    public static func account(_ login: String, role: Role) -> Caller {
        Caller(identity: .account(login), role: role, manager: role == .manager ? login : nil)
    }

    /// The login or OS user name, when known.
    public var name: String? {
        switch identity {
        case .account(let login): login
        case .osUser(_, let name): name
        }
    }

    /// How history names this caller.
    public var actingUser: ActingUser {
        switch identity {
        case .osUser(let uid, let name): ActingUser(uid: uid, name: name, role: role)
        case .account(let login): ActingUser(uid: 0, name: login, role: role)
        }
    }

    /// `uid 1000 (anna)`, `web account anna` — for messages.
    public var displayName: String {
        switch identity {
        case .osUser(let uid, let name): name.map { "uid \(uid) (\($0))" } ?? "uid \(uid)"
        case .account(let login): "web account \(login)"
        }
    }
}
