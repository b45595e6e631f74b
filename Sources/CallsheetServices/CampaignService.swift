public import CallsheetDomain
package import CallsheetStore

/// Campaigns (docs/domain.md#workflows): created from a workflow snapshot, paused, resumed, closed, and
/// their audiences managed. One use case, one transaction, one audit line.
public struct CampaignService: Sendable {
    let database: Database
    public let settings: CampaignSettings

    /// The zone of clients without one (the default country's): call counts are kept in the client's day.
    public let defaultZone: String

    package init(database: Database, settings: CampaignSettings, defaultZone: String) {
        self.defaultZone = defaultZone
        self.database = database
        self.settings = settings
    }

    public func workflows(as caller: Caller) throws(ServiceError) -> [Workflow] {
        try Authorization.check(caller, .listWorkflows)
        return try settings.workflows.all()
    }

    public func workflow(named name: String, as caller: Caller) throws(ServiceError) -> Workflow {
        try Authorization.check(caller, .showWorkflow)
        return try settings.workflows.named(name)
    }

    public func create(
        name: String, workflow workflowName: String, team: String, callingHours: CallingHours, eventDay: Weekday?, budget: String?,
        holidays: Set<LocalDate>, workingDays: Set<Weekday> = BusinessCalendar().workingDays, as caller: Caller
    ) async throws -> CampaignRecord {
        try Authorization.check(caller, .createCampaign)
        let actor = caller.actingUser
        if let problem = DirectoryRules.validLogin(name) { throw ServiceError(.invalid, "campaign name: " + problem.replacingOccurrences(of: "login ", with: "")) }
        let budget = try MoneyAmount.canonical(budget, subject: "budget")
        let workflow = try settings.workflows.named(workflowName)
        if workflow.needsEventDay, eventDay == nil, workflow.eventDay == nil {
            throw ServiceError(.invalid, "workflow '\(workflow.name)' has steps due relative to the event: give --event-day WEEKDAY")
        }
        let new = NewCampaign(
            name: name, team: team, workflow: workflow, callingHours: callingHours, eventDay: eventDay, budget: budget,
            workingDays: workingDays, holidays: holidays)
        return try await database.useCase { tx in
            let id: Int?
            do {
                id = try await tx.insertCampaign(new)
            } catch let error as StoreError where error.code == .conflict {
                throw ServiceError(.conflict, "campaign '\(name)' already exists")
            }
            guard id != nil else { throw ServiceError(.notFound, "no administrator '\(team)' (add one with: admin add \(team) --name NAME)") }
            try await tx.audit(actor, action: "campaign create", subject: name)
            return try await tx.campaigns(name: name, withCounts: true)[0]
        }
    }

    /// The id of the campaign named `text` (or whose id `text` is).
    public func campaignID(_ text: String) async throws -> Int {
        guard let id = try await database.useCase({ tx in try await tx.campaignID(nameOrID: text) }) else {
            throw ServiceError(.notFound, "no campaign '\(text)' (see: campaign list)")
        }
        return id
    }

    public func campaigns(withCounts: Bool = true, as caller: Caller) async throws -> [CampaignRecord] {
        try Authorization.check(caller, .listCampaigns)
        return try await database.useCase { tx in try await tx.campaigns(withCounts: withCounts) }
    }

    public func campaign(named name: String, as caller: Caller) async throws -> CampaignCard {
        try Authorization.check(caller, .showCampaign)
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name, withCounts: true)
            return CampaignCard(campaign: campaign, waves: try await tx.waves(campaignID: campaign.id))
        }
    }

    /// pause / resume / close. Returns the campaign and whether its state changed; closing
    /// cancels every open case and pending task of the campaign.
    public func setState(_ name: String, to state: CampaignState, as caller: Caller) async throws -> CampaignStateChange {
        try Authorization.check(caller, .changeCampaignState)
        let actor = caller.actingUser
        return try await database.useCase { tx in
            let current = try await tx.requireCampaign(name, forUpdate: true)
            if current.state == .closed, state != .closed {
                throw ServiceError(.conflict, "campaign '\(name)' is closed; a closed campaign cannot be reopened")
            }
            guard current.state != state else { return CampaignStateChange(campaign: current, changed: false, cancelled: 0) }
            _ = try await tx.setCampaignState(name: name, to: state)
            let cancelled = state == .closed ? try await tx.cancelOpenCases(campaignID: current.id, reason: "campaign closed") : 0
            try await tx.audit(actor, action: "campaign \(state == .active ? "resume" : state == .paused ? "pause" : "close")", subject: name)
            return CampaignStateChange(campaign: try await tx.campaigns(name: name, withCounts: true)[0], changed: true, cancelled: cancelled)
        }
    }

    public func update(_ name: String, _ changes: CampaignChanges, as caller: Caller) async throws -> CampaignRecord {
        try Authorization.check(caller, .changeCampaign)
        let actor = caller.actingUser
        guard !changes.isEmpty else {
            throw ServiceError(.invalid, "nothing to change: give --auto-wave, --calling-hours, --event-day, --budget, --holidays, --working-days, --daily-cap or --lifetime-cap")
        }
        var changes = changes
        changes.budget = try MoneyAmount.canonical(changes.budget, subject: "budget")
        return try await database.useCase { tx in
            _ = try await tx.requireCampaign(name, forUpdate: true)
            _ = try await tx.updateCampaign(name: name, changes)
            try await tx.audit(actor, action: "campaign set", subject: name)
            return try await tx.campaigns(name: name, withCounts: true)[0]
        }
    }

    public func addClients(_ name: String, _ selection: AudienceSelection, as caller: Caller) async throws -> AudienceAdded {
        try Authorization.check(caller, .addAudience)
        let actor = caller.actingUser
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name, forUpdate: true)
            guard campaign.state != .closed else { throw ServiceError(.conflict, "campaign '\(name)' is closed") }
            let result = try await tx.addAudience(campaignID: campaign.id, selection, defaultZone: defaultZone)
            try await tx.audit(actor, action: "campaign add-clients", subject: name)
            return AudienceAdded(added: result.added, present: result.present)
        }
    }

    public func removeClients(_ name: String, _ selection: AudienceSelection, as caller: Caller) async throws -> AudienceRemoved {
        try Authorization.check(caller, .removeAudience)
        let actor = caller.actingUser
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name, forUpdate: true)
            let result = try await tx.removeAudience(campaignID: campaign.id, selection)
            try await tx.audit(actor, action: "campaign remove-clients", subject: name)
            return AudienceRemoved(removed: result.removed, cancelled: result.cancelled)
        }
    }
}

extension StoreTransaction {
    func requireCampaign(_ name: String, forUpdate: Bool = false, withCounts: Bool = false) async throws -> CampaignRecord {
        guard let campaign = try await campaigns(name: name, forUpdate: forUpdate, withCounts: withCounts).first else {
            throw ServiceError(.notFound, "no campaign '\(name)' (see: campaign list)")
        }
        return campaign
    }
}
