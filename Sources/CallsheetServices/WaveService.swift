public import CallsheetDomain
package import CallsheetStore

/// Opening the weekly wave (docs/domain.md#waves) and looking at its lists.
///
/// A wave distributes the campaign's eligible audience over the team's active managers
/// with ``WaveDistributor`` and writes, in one transaction, one open case and one
/// first-step task per client. Capacity counts the clients a manager receives in this
/// wave; cases still open from earlier waves stay where they are and are not counted.
public struct WaveService: Sendable {
    let database: Database
    public let settings: CampaignSettings
    /// Clients read from the pool per round trip.
    public var chunkSize = 50_000
    /// Moved clients listed by name in a plan.
    public var movedSampleLimit = 100

    package init(database: Database, settings: CampaignSettings) {
        self.database = database
        self.settings = settings
    }

    /// Opens (or, with `dryRun`, only plans) the wave of `week`.
    public func open(campaign name: String, week: ISOWeek, dryRun: Bool, as caller: Caller) async throws -> WavePlan {
        try Authorization.check(caller, .openWave)
        let actor = caller.actingUser
        let today = settings.today, now = settings.clock()
        guard week.day(.sunday) >= today else {
            throw ServiceError(.invalid, "week \(week) ended on \(week.day(.sunday)); open the current week (\(ISOWeek(containing: today))) or a later one")
        }
        let chunkSize = self.chunkSize, sampleLimit = movedSampleLimit, holidays = settings.globalHolidays
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name, forUpdate: true)
            guard campaign.state == .active else {
                throw ServiceError(.conflict, "campaign '\(name)' is \(campaign.state)" + (campaign.state == .paused ? "; resume it first" : ""))
            }
            if !dryRun, try await !tx.waves(campaignID: campaign.id, week: week.description).isEmpty {
                throw ServiceError(.conflict, "week \(week) already has a wave in campaign '\(name)' (see: wave show \(name) --week \(week))")
            }
            let everyone = try await tx.managers()
            let logins = Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0.login) })
            let team = everyone.filter { $0.team == campaign.team && $0.active }.sorted { $0.id < $1.id }
            let seats = team.map { WaveDistributor.Seat(managerID: $0.id, capacity: $0.capacity) }
            guard seats.contains(where: { $0.capacity > 0 }) else {
                throw ServiceError(.invalid, "the team of '\(campaign.team)' has no active manager with capacity above 0 (see: manager list --admin \(campaign.team))")
            }
            try await tx.lockShared(.doNotCall)
            let pool = try await tx.prepareWavePool(campaignID: campaign.id)
            var distributor = WaveDistributor(seats: seats, returning: pool.returning)
            var tally = WavePlan.Tally(seats: seats)
            var waveID: Int?
            if !dryRun {
                waveID = try await tx.insertWave(campaignID: campaign.id, week: week, openedBy: actor.label)
                try await tx.createWavePlan()
            }
            try await tx.forEachEligibleChunk(size: chunkSize) { chunk in
                var placements: [(client: Int, manager: Int)] = []
                placements.reserveCapacity(chunk.count)
                for client in chunk {
                    guard let placement = distributor.place(previousManager: client.previous) else { continue }
                    tally.count(placement, client: client.client, previous: client.previous, sampleLimit: sampleLimit)
                    placements.append((client.client, placement.managerID))
                }
                if !dryRun { try await tx.copyWavePlan(placements) }
            }
            let timeline = WaveTimeline(week: week, calendar: campaign.calendar(globalHolidays: holidays), eventDay: campaign.effectiveEventDay, openedOn: today)
            let first = campaign.workflow.firstStep
            guard let dueOn = timeline.dueDate(first.due) else {
                throw ServiceError(.invalid, "the first step '\(first.name)' has no date in week \(week) (rule: \(first.due))")
            }
            let skipped = pool.skipped.values.reduce(0, +)
            var assigned = tally.total
            if let waveID {
                assigned = try await tx.writeWave(
                    waveID, campaignID: campaign.id, step: first.name, kind: first.kind.rawValue, dueOn: dueOn,
                    skipped: skipped, managers: tally.managersWithClients, moved: tally.moved, openedAt: now)
                try await tx.audit(actor, action: "wave open", subject: "\(name) \(week)")
            }
            return WavePlan(
                waveID: waveID, week: week, firstStep: first.name, dueOn: dueOn, assigned: assigned, skipped: pool.skipped,
                managers: zip(team.filter { $0.capacity > 0 }, tally.rows()).map { WavePlan.ManagerLine(login: $0.login, capacity: $0.capacity, counts: $1) },
                moved: tally.moved,
                movedSample: tally.movedSample.map { ($0.client, logins[$0.from] ?? "#\($0.from)", logins[$0.to] ?? "#\($0.to)") },
                totalCapacity: distributor.totalCapacity, overflowed: distributor.overflowed
            )
        }
    }

    public func waves(campaign name: String, as caller: Caller) async throws -> [WaveRecord] {
        try Authorization.check(caller, .listWaves)
        return try await database.useCase { tx in try await tx.waves(campaignID: try await tx.requireCampaign(name).id) }
    }

    /// The wave of `week` (default: the latest) with each manager's list.
    public func lists(
        campaign name: String, week: ISOWeek?, manager: String?, limit: Int, as caller: Caller
    ) async throws -> WaveLists {
        try Authorization.check(caller, .showWave)
        return try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(name)
            let waves = try await tx.waves(campaignID: campaign.id, week: week?.description)
            guard let wave = waves.last else {
                throw ServiceError(
                    .notFound, week.map { "campaign '\(name)' has no wave for \($0)" } ?? "campaign '\(name)' has no wave yet (open one with: wave open \(name) --week W)")
            }
            if let manager, try await tx.managers(login: manager).isEmpty { throw ServiceError(.notFound, "no manager '\(manager)'") }
            let managers = try await tx.waveSummary(waveID: wave.id).map { WaveLists.ManagerCases(manager: $0.manager, open: $0.open, closed: $0.closed) }
            return WaveLists(wave: wave, managers: managers, entries: try await tx.waveLists(waveID: wave.id, manager: manager, limit: limit))
        }
    }
}
