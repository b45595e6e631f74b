import CallsheetDomain
import CallsheetStore
import Foundation

/// The call loop: a manager claims the next call, records what came of it,
/// sets call-backs, gives calls back, and sees the agenda.
///
/// Every method takes the manager it acts for; who may act for whom is decided by the
/// console (a manager only for themself, an administrator for anyone).
public struct CallService: Sendable {
    public let database: Database
    public let campaignSettings: CampaignSettings
    public let settings: CallSettings
    public let defaultZone: String
    /// Claims retried when a concurrent claim took the same client in another campaign.
    static let claimAttempts = 8

    public init(database: Database, campaignSettings: CampaignSettings, settings: CallSettings, defaultZone: String) {
        self.database = database
        self.campaignSettings = campaignSettings
        self.settings = settings
        self.defaultZone = defaultZone
    }

    /// Everything the manager needs to make one call.
    public struct CallSheet: Sendable {
        public var task: TaskRecord
        public var client: ClientRecord
        public var hint: String
        public var outcomes: [String]
        public var lastCalls: [CallRecord]
        public var amounts: [(outcome: String, total: String)]
        /// True when `next` returned the call the manager already held.
        public var resumed: Bool
    }

    /// Claims the next call (or returns the one the manager still holds). Nil when nothing
    /// is due; then `nextDue` says when something will be.
    public func next(for login: String, campaign: String?) async throws -> (CallSheet?, nextDue: Date?) {
        let now = campaignSettings.clock()
        let (manager, teamID, campaignID) = try await database.useCase { tx in
            let manager = try await tx.requireActiveManager(login, team: nil)
            let teamID = try await tx.administrators(login: manager.team)[0].id
            var campaignID: Int?
            if let campaign { campaignID = try await tx.requireCampaign(campaign).id }
            return (manager, teamID, campaignID)
        }
        let request = ClaimRequest(
            managerID: manager.id, teamID: teamID, campaignID: campaignID, now: now,
            leaseUntil: now.addingTimeInterval(Double(settings.leaseMinutes) * 60),
            gapStart: now.addingTimeInterval(-Double(settings.minimumGapMinutes) * 60),
            escalateBefore: now.addingTimeInterval(-Double(settings.escalateAfterMinutes) * 60),
            defaultZone: defaultZone, globalHolidays: campaignSettings.globalHolidays.map(\.description)
        )
        for _ in 0..<Self.claimAttempts {
            let claimed: (task: TaskRecord?, resumed: Bool)
            do {
                claimed = try await database.useCase { tx in
                    if let held = try await tx.heldTask(managerID: manager.id, now: now) { return (held, true) }
                    let (task, raced) = try await tx.claimNext(request)
                    if raced { throw ClaimRaced() }
                    return (task, false)
                }
            } catch is ClaimRaced {
                continue
            }
            guard let task = claimed.task else { return (nil, try await nextDue(managerID: manager.id, now: now)) }
            return (try await sheet(for: task, resumed: claimed.resumed), nil)
        }
        throw ServiceError(.unavailable, "could not claim a call after \(Self.claimAttempts) tries (heavy contention); try again")
    }

    private func sheet(for task: TaskRecord, resumed: Bool) async throws -> CallSheet {
        try await database.useCase { tx in
            let campaign = try await tx.requireCampaign(task.campaign)
            let step = campaign.workflow.step(named: task.step)
            guard let client = try await tx.clients(ids: [task.clientID]).first else { throw ServiceError(.notFound, "no client \(task.clientID)") }
            return CallSheet(task: task, client: client, hint: step?.hint ?? "", outcomes: step?.outcomes.map(\.name) ?? [],
                             lastCalls: try await tx.calls(clientID: task.clientID, limit: 10),
                             amounts: try await tx.amounts(clientID: task.clientID), resumed: resumed)
        }
    }

    private func nextDue(managerID: Int, now: Date) async throws -> Date? {
        try await database.useCase { tx in try await tx.nextDue(managerID: managerID, after: now) }
    }
}

/// Thrown inside a claim transaction to roll it back and try again.
struct ClaimRaced: Error {}
