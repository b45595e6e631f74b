public import CallsheetDomain
package import CallsheetStore

/// Mid-week changes to managers' lists (docs/domain.md#waves): a new client for a manager now, a
/// sick manager's list moved to a colleague, a client taken off a list. Each change is a
/// history record; pending tasks follow the case.
public struct AssignmentService: Sendable {
    let database: Database
    public let settings: CampaignSettings
    /// The zone of a client without one (the default country's), for the cap counters of a
    /// client who joins the audience by being assigned.
    public let defaultZone: String

    package init(database: Database, settings: CampaignSettings, defaultZone: String) {
        self.database = database
        self.settings = settings
        self.defaultZone = defaultZone
    }

    /// Gives the client to `managerLogin` in the campaign now: a new case at the first step,
    /// due by the workflow's rule in the current week (today at the earliest). Adds the
    /// client to the audience when missing. Returns the case id and the due date.
    public func assign(client clientID: Int, to managerLogin: String, campaign name: String, as caller: Caller) async throws -> Assignment {
        try Authorization.check(caller, .assign)
        let actor = caller.actingUser
        let today = settings.today, holidays = settings.globalHolidays
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name)
            guard campaign.state == .active else { throw ServiceError(.conflict, "campaign '\(name)' is \(campaign.state)") }
            let manager = try await tx.requireActiveManager(managerLogin, team: campaign.team)
            guard try await tx.clientExists(clientID) else { throw ServiceError(.notFound, "no client \(clientID)") }
            try await tx.lockShared(.doNotCall)
            if try await tx.isDoNotCall(clientID: clientID, campaignID: campaign.id) {
                throw ServiceError(.conflict, "client \(clientID) is on a do-not-call list that applies to '\(name)' (see: dnc check)")
            }
            if let owner = try await tx.openCaseOwner(clientID: clientID, campaignID: campaign.id) {
                throw ServiceError(
                    .conflict,
                    "client \(clientID) is already on \(owner)'s list in '\(name)'"
                        + (owner == managerLogin ? "" : " (move it with: reassign --from \(owner) --to \(managerLogin) --campaign \(name) --clients \(clientID))"))
            }
            let timeline = WaveTimeline(
                week: ISOWeek(containing: today), calendar: campaign.calendar(globalHolidays: holidays), eventDay: campaign.effectiveEventDay, openedOn: today)
            let first = campaign.workflow.firstStep
            let dueOn = timeline.dueDate(first.due) ?? today
            let caseID = try await tx.assign(
                clientID: clientID, managerID: manager.id, campaignID: campaign.id, step: first.name, kind: first.kind.rawValue, dueOn: dueOn, at: settings.clock(),
                defaultZone: defaultZone, actor: actor)
            return Assignment(caseID: caseID, dueOn: dueOn)
        }
    }

    /// Moves open cases from one manager to another (all campaigns unless one is named;
    /// all clients unless listed). Returns how many moved.
    public func reassign(from: String, to: String, campaign name: String?, clients: [Int], as caller: Caller) async throws -> Int {
        try Authorization.check(caller, .reassign)
        let actor = caller.actingUser
        guard from != to else { throw ServiceError(.invalid, "--from and --to name the same manager") }
        return try await database.useCase { tx in
            var campaign: CampaignRecord?
            if let name { campaign = try await tx.requireCampaign(name) }
            guard let source = try await tx.managers(login: from).first else { throw ServiceError(.notFound, "no manager '\(from)'") }
            let target = try await tx.requireActiveManager(to, team: campaign?.team)
            return try await tx.reassign(from: source.id, to: target.id, campaignID: campaign?.id, clients: clients, actor: actor)
        }
    }

    /// Takes the client off their manager's list in the campaign; returns that manager.
    public func unassign(client clientID: Int, campaign name: String, as caller: Caller) async throws -> String {
        try Authorization.check(caller, .unassign)
        let actor = caller.actingUser
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name)
            guard let owner = try await tx.openCaseOwner(clientID: clientID, campaignID: campaign.id) else {
                throw ServiceError(.notFound, "client \(clientID) is on nobody's list in '\(name)'")
            }
            _ = try await tx.unassign(clientID: clientID, campaignID: campaign.id, at: settings.clock(), actor: actor)
            return owner
        }
    }
}

extension StoreTransaction {
    /// The manager, who must be active (and in `team`, when given) to receive clients.
    func requireActiveManager(_ login: String, team: String?) async throws -> ManagerRecord {
        guard let manager = try await managers(login: login).first else { throw ServiceError(.notFound, "no manager '\(login)'") }
        guard manager.active else { throw ServiceError(.conflict, "manager '\(login)' is deactivated (manager activate \(login) first)") }
        if let team, manager.team != team {
            throw ServiceError(.invalid, "manager '\(login)' is in the team of '\(manager.team)', not of '\(team)' who runs this campaign")
        }
        return manager
    }
}
