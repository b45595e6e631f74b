/// An administrator as stored.
public struct AdministratorRecord: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    public var activeManagers: Int
    /// Where yesterday's figures go each morning; nil: none is sent.
    public var email: String?

    public init(id: Int, login: String, name: String, activeManagers: Int, email: String? = nil) {
        self.email = email
        self.id = id
        self.login = login
        self.name = name
        self.activeManagers = activeManagers
    }
}

/// A manager as stored; `team` is the administrator's login.
public struct ManagerRecord: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    public var team: String
    public var capacity: Int
    public var timeZone: String
    public var active: Bool
    /// Where the daily e-mail goes; nil: none is sent.
    public var email: String?

    public init(id: Int, login: String, name: String, team: String, capacity: Int, timeZone: String, active: Bool, email: String? = nil) {
        self.email = email
        self.id = id
        self.login = login
        self.name = name
        self.team = team
        self.capacity = capacity
        self.timeZone = timeZone
        self.active = active
    }
}

/// The fields of a manager that `manager edit` may change; nil leaves a field as it is.
public struct ManagerChanges: Sendable, Equatable {
    public var name: String?
    public var team: String?
    public var capacity: Int?
    public var timeZone: String?
    public var email: String?

    public init(name: String? = nil, team: String? = nil, capacity: Int? = nil, timeZone: String? = nil, email: String? = nil) {
        self.email = email
        self.name = name
        self.team = team
        self.capacity = capacity
        self.timeZone = timeZone
    }

    public var isEmpty: Bool { name == nil && team == nil && capacity == nil && timeZone == nil && email == nil }
}
