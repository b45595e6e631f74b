public import CallsheetDomain
import CallsheetStore

/// The people of the back office: administrators and their teams of managers (docs/domain.md#administrator-actions).
///
/// Each method is one use case in one transaction; every change is written to the audit
/// trail with who made it. Managers are never deleted — deactivating keeps their history.
public struct DirectoryService: Sendable {
    let database: Database
    public let settings: DirectorySettings
    /// Emptied when a manager's access changes (deactivation).
    let signIns: SignInCache

    init(database: Database, settings: DirectorySettings, signIns: SignInCache = SignInCache()) {
        self.signIns = signIns
        self.database = database
        self.settings = settings
    }

    public func addAdministrator(login: String, name: String, email: String? = nil, as caller: Caller) async throws -> AdministratorRecord {
        try Authorization.check(caller, .addAdministrator)
        let actor = caller.actingUser
        if let problem = DirectoryRules.validLogin(login) { throw ServiceError(.invalid, problem) }
        guard !name.isEmpty else { throw ServiceError(.invalid, "an administrator needs a --name") }
        if let email, let problem = EmailAddress.problem(with: email) { throw ServiceError(.invalid, "--email: " + problem) }
        return try await database.useCase { tx in
            try await Self.refuseViewer(login, tx)
            do {
                _ = try await tx.insertAdministrator(login: login, name: name, email: email)
            } catch let error as StoreError where error.code == .conflict {
                throw ServiceError(.conflict, "administrator '\(login)' already exists")
            }
            try await tx.audit(actor, action: "admin add", subject: login)
            return try await tx.administrators(login: login)[0]
        }
    }

    /// One login, one person: a viewer's login cannot become an administrator's or a
    /// manager's (their web account and tokens would change role silently).
    static func refuseViewer(_ login: String, _ tx: StoreTransaction) async throws {
        if try await tx.directoryRole(login: login) == .viewer {
            throw ServiceError(.conflict, "'\(login)' is a viewer; one login is one person — choose another login")
        }
    }

    public func administrators(login: String? = nil, as caller: Caller) async throws -> [AdministratorRecord] {
        try Authorization.check(caller, login == nil ? .listAdministrators : .showAdministrator)
        let found = try await database.useCase { tx in try await tx.administrators(login: login) }
        if let login, found.isEmpty { throw ServiceError(.notFound, "no administrator '\(login)'") }
        return found
    }

    public func addManager(
        login: String, name: String, team: String, capacity: Int?, timeZone: String?, email: String? = nil, as caller: Caller
    ) async throws -> ManagerRecord {
        try Authorization.check(caller, .addManager)
        let actor = caller.actingUser
        if let problem = DirectoryRules.validLogin(login) { throw ServiceError(.invalid, problem) }
        guard !name.isEmpty else { throw ServiceError(.invalid, "a manager needs a --name") }
        let zone = timeZone ?? settings.defaultCountry.timeZone
        if let problem = DirectoryRules.validTimeZone(zone) { throw ServiceError(.invalid, problem) }
        let capacity = capacity ?? settings.defaultCapacity
        if let email, let problem = EmailAddress.problem(with: email) { throw ServiceError(.invalid, "--email: " + problem) }
        return try await database.useCase { tx in
            try await Self.refuseViewer(login, tx)
            do {
                _ = try await tx.insertManager(login: login, name: name, team: team, capacity: capacity, timeZone: zone, email: email)
            } catch let error as StoreError where error.code == .conflict {
                throw ServiceError(.conflict, "manager '\(login)' already exists")
            } catch let error as StoreError where error.code == .notFound {
                throw ServiceError(.notFound, "no administrator '\(team)' (add one with: admin add \(team) --name NAME)")
            }
            try await tx.audit(actor, action: "manager add", subject: login)
            return try await tx.managers(login: login)[0]
        }
    }

    public func managers(team: String? = nil, includeInactive: Bool = false, as caller: Caller) async throws -> [ManagerRecord] {
        try Authorization.check(caller, .listManagers)
        return try await database.useCase { tx in try await tx.managers(team: team, includeInactive: includeInactive) }
    }

    public func manager(login: String, as caller: Caller) async throws -> ManagerRecord {
        try Authorization.check(caller, .showManager)
        guard let found = try await database.useCase({ tx in try await tx.managers(login: login).first }) else {
            throw ServiceError(.notFound, "no manager '\(login)'")
        }
        return found
    }

    public func editManager(login: String, changes: ManagerChanges, as caller: Caller) async throws -> ManagerRecord {
        try Authorization.check(caller, .editManager)
        let actor = caller.actingUser
        guard !changes.isEmpty else { throw ServiceError(.invalid, "nothing to change: give --name, --team, --capacity, --timezone or --email") }
        if let email = changes.email, email != "-", let problem = EmailAddress.problem(with: email) { throw ServiceError(.invalid, "--email: " + problem) }
        if let zone = changes.timeZone, let problem = DirectoryRules.validTimeZone(zone) { throw ServiceError(.invalid, problem) }
        return try await database.useCase { tx in
            if let team = changes.team, try await tx.administrators(login: team).isEmpty {
                throw ServiceError(.notFound, "no administrator '\(team)'")
            }
            guard let updated = try await tx.updateManager(login: login, changes) else {
                throw ServiceError(.notFound, "no manager '\(login)'")
            }
            try await tx.audit(actor, action: "manager edit", subject: login)
            return updated
        }
    }

    /// Returns the manager, whether the flag actually changed, and the open cases still on
    /// the manager's lists per campaign: a deactivated manager gets no calls, so those wait
    /// for `reassign` (deactivation does not move them itself: who takes over is the
    /// administrator's choice, and a manager back from leave keeps their clients).
    public func setManagerActive(
        login: String, active: Bool, as caller: Caller
    ) async throws -> ManagerActivation {
        try Authorization.check(caller, .changeManagerActive)
        let actor = caller.actingUser
        defer { signIns.forgetAll() }
        return try await database.useCase { tx in
            guard let changed = try await tx.setManagerActive(login: login, active: active) else {
                throw ServiceError(.notFound, "no manager '\(login)'")
            }
            if changed { try await tx.audit(actor, action: active ? "manager activate" : "manager deactivate", subject: login) }
            let open = try await tx.openCasesByCampaign(managerLogin: login).map { ManagerActivation.OpenCases(campaign: $0.campaign, cases: $0.cases) }
            return ManagerActivation(manager: try await tx.managers(login: login)[0], changed: changed, openCases: open)
        }
    }
}

/// `directory:` settings: how numbers without a country code and new managers are read.
public struct DirectorySettings: Sendable, Equatable {
    /// `default_country`: ISO code for phone numbers written without +country. Default PL.
    public var defaultCountry: CallingCountry
    /// `default_capacity`: clients per wave for a new manager. Default 100.
    public var defaultCapacity: Int

    public init(defaultCountry: CallingCountry = CallingCountry.named("PL")!, defaultCapacity: Int = 100) {
        self.defaultCountry = defaultCountry
        self.defaultCapacity = defaultCapacity
    }
}

extension StoreTransaction {
    func audit(_ actor: ActingUser, action: String, subject: String) async throws {
        try await audit(actorUID: actor.uid, actorName: actor.name, role: "\(actor.role)", action: action, subject: subject)
    }
}
