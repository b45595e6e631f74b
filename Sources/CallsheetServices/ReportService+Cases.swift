public import CallsheetDomain
import CallsheetStore
import Foundation

/// The case-level reports: each counts the cases of the waves of the scope's weeks (a
/// wave's cohort, followed to now) from what `campaign_case` keeps about how far each got.
extension ReportService {
    /// Checks the scope's campaign, team and manager exist; returns the campaign's record.
    func resolve(_ scope: Scope, _ tx: StoreTransaction) async throws -> CampaignRecord? {
        var campaign: CampaignRecord?
        if let name = scope.campaign { campaign = try await tx.requireCampaign(name) }
        if let team = scope.team, try await tx.administrators(login: team).isEmpty { throw ServiceError(.notFound, "no administrator '\(team)'") }
        if let login = scope.manager, try await tx.managers(login: login).isEmpty { throw ServiceError(.notFound, "no manager '\(login)'") }
        return campaign
    }

    func caseScope(_ scope: Scope, campaignID: Int?) -> CaseScope {
        CaseScope(
            campaignID: campaignID, weeks: scope.weeks.map(\.description), team: scope.team, manager: scope.manager,
            segment: scope.segment, tag: scope.tag)
    }

    /// The one workflow the scope's cases follow. Cases of campaigns whose workflows have
    /// different steps cannot share a funnel: the caller is told to pick a campaign.
    func workflow(of scope: Scope, campaign: CampaignRecord?, _ tx: StoreTransaction) async throws -> Workflow {
        if let campaign { return campaign.workflow }
        let ids = Set(try await tx.campaignsWithWaves(in: scope.weeks.map(\.description), campaignID: nil))
        let campaigns = try await tx.campaigns().filter { ids.contains($0.id) }
        guard let first = campaigns.first else {
            return Workflow(name: "", version: 0, steps: [WorkflowStep(name: "-", due: .managerSets, outcomes: [])])
        }
        if let other = campaigns.first(where: { $0.workflow.steps.map(\.name) != first.workflow.steps.map(\.name) }) {
            throw ServiceError(
                .invalid, "campaigns '\(first.name)' (\(first.workflow.name)) and '\(other.name)' (\(other.workflow.name)) have different workflow steps; give --campaign")
        }
        return first.workflow
    }

    /// `report funnel`: the scope's cases stage by stage, per `--by` group and in total.
    public func funnel(_ scope: Scope, by grouping: FunnelGrouping, as caller: Caller) async throws -> Funnel {
        try Authorization.check(caller, .reportFunnel)
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            let workflow = try await workflow(of: scope, campaign: campaign, tx)
            let tallies = try await tx.funnelTallies(caseScope(scope, campaignID: campaign?.id), by: grouping)
            return Funnel(workflow: workflow, tallies: tallies)
        }
    }

    /// `report offers`: the scope's cases by the latest offer status their outcomes gave.
    public func offers(_ scope: Scope, as caller: Caller) async throws -> [OfferTally] {
        try Authorization.check(caller, .reportOffers)
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            let tallies = try await tx.offerTallies(caseScope(scope, campaignID: campaign?.id))
            let order = Dictionary(uniqueKeysWithValues: OfferStatus.allCases.enumerated().map { ($1.rawValue, $0) })
            return tallies.sorted { (order[$0.status] ?? 99, $0.reason ?? "") < (order[$1.status] ?? 99, $1.reason ?? "") }
        }
    }

    /// `report forecast --campaign C`: the open pipeline of the scope's waves, what it is
    /// expected to bring at the campaign's observed rates, and the cost per paying client.
    public func forecast(_ scope: Scope, as caller: Caller) async throws -> Forecast {
        try Authorization.check(caller, .reportForecast)
        guard scope.campaign != nil else { throw ServiceError(.invalid, "report forecast needs --campaign (rates, amounts and budget are a campaign's)") }
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)!
            let workflow = campaign.workflow
            let open = try await tx.openPipeline(caseScope(scope, campaignID: campaign.id))
            let cases = try await tx.caseDepths(campaignID: campaign.id)
            var paid = (calls: 0, amount: "0")
            if let paying = Forecast.payingOutcome(of: workflow) {
                paid = try await tx.outcomeTotal(campaignID: campaign.id, step: paying.step, outcome: paying.outcome.name)
            }
            return Forecast(
                workflow: workflow, cases: cases, open: Dictionary(uniqueKeysWithValues: open.map { ($0.step, $0.open) }),
                paidCalls: paid.calls, paidCents: ManagerComparison.cents(paid.amount) ?? 0,
                budgetCents: campaign.budget.flatMap(ManagerComparison.cents))
        }
    }
}
