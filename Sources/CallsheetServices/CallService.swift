public import CallsheetDomain
package import CallsheetStore
import Foundation

/// The call loop (docs/domain.md#next-call): a manager claims the next call, records what came of it,
/// sets call-backs, gives calls back, and sees the agenda.
///
/// Every method takes the manager it acts for; who may act for whom is decided by the
/// console (a manager only for themself, an administrator for anyone).
public struct CallService: Sendable {
    let database: Database
    public let campaignSettings: CampaignSettings
    public let settings: CallSettings
    public let defaultZone: String
    /// Claims retried when a concurrent claim took the same client in another campaign.
    static let claimAttempts = 8

    package init(database: Database, campaignSettings: CampaignSettings, settings: CallSettings, defaultZone: String) {
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
        /// The step's outcomes in full (which need an amount, which book a call-back);
        /// filled by ``sheet(task:for:as:)``, the web page's reading.
        public var stepOutcomes: [StepOutcome] = []
        /// The client's zone as the claim reads it, the campaign's calling hours, and
        /// whether the client's clock is inside them now (``sheet(task:for:as:)``).
        public var clientZone: String?
        public var callingHours: CallingHours?
        public var insideCallingHours: Bool?
    }

    /// Claims the next call (or returns the one the manager still holds). Nil when nothing
    /// is due; then `nextDue` says when something will be.
    ///
    /// The hot path is one prepared statement outside any transaction: the claim, itself
    /// atomic, which also reads the call sheet (see `ClaimStatement`).
    /// `named`: the manager an administrator acts for (a manager always works as themself).
    public func next(for named: String?, campaign: String?, as caller: Caller) async throws -> ClaimAnswer {
        let login = try Authorization.actingManager(caller, .next, named: named)
        let now = campaignSettings.clock()
        var campaignID: Int?
        if let campaign { campaignID = try await database.useCase { try await $0.requireCampaign(campaign).id } }
        let request = ClaimRequest(
            login: login, campaignID: campaignID, now: now,
            leaseUntil: now.addingTimeInterval(Double(settings.leaseMinutes) * 60),
            gapStart: now.addingTimeInterval(-Double(settings.minimumGapMinutes) * 60),
            escalateBefore: now.addingTimeInterval(-Double(settings.escalateAfterMinutes) * 60),
            defaultZone: defaultZone, globalHolidays: campaignSettings.globalHolidays.map(\.description)
        )
        for _ in 0..<Self.claimAttempts {
            // In a transaction, not autocommit: PostgresNIO ends a statement's rows at
            // CommandComplete, before the implicit commit at Sync — a server that dies in
            // between would leave a manager holding a call that was never claimed (seen in
            // DatabaseFaultTests: one task handed to two managers). COMMIT answers after
            // the commit.
            let claim = try await database.useCase(pool: .callLoop) { try await $0.claim(request) }
            if claim.raced { continue }
            guard let managerID = claim.managerID else {
                // Say why: no such manager, or deactivated.
                _ = try await database.useCase { try await $0.requireActiveManager(login, team: nil) }
                throw ServiceError(.notFound, "no active manager '\(login)'")
            }
            CallMetrics.claimed(call: claim.sheet != nil)
            guard let sheet = claim.sheet else { return ClaimAnswer(sheet: nil, nextDue: try await nextDue(managerID: managerID, now: now)) }
            let step = sheet.workflow.step(named: sheet.task.step)
            return ClaimAnswer(
                sheet: CallSheet(
                    task: sheet.task, client: sheet.client, hint: step?.hint ?? "", outcomes: step?.outcomes.map(\.name) ?? [],
                    lastCalls: sheet.lastCalls, amounts: sheet.amounts, resumed: claim.resumed), nextDue: nil
            )
        }
        throw ServiceError(.unavailable, "could not claim a call after \(Self.claimAttempts) tries (heavy contention); try again")
    }

    private func nextDue(managerID: Int, now: Date) async throws -> Date? {
        let holidays = campaignSettings.globalHolidays.map(\.description)
        return try await database.useStatements {
            try await $0.nextDue(
                managerID: managerID, after: now, defaultZone: defaultZone, globalHolidays: holidays,
                minimumGapSeconds: settings.minimumGapMinutes * 60)
        }
    }
}
