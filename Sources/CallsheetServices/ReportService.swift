public import CallsheetDomain
package import CallsheetStore
import Foundation

/// Reports (docs/domain.md#reports) for administrators and directors, read from the rollups the
/// outcomes maintain, plus the rebuild that recomputes those rollups from history.
public struct ReportService: Sendable {
    let database: Database
    public let settings: CampaignSettings

    package init(database: Database, settings: CampaignSettings) {
        self.database = database
        self.settings = settings
    }

    /// What a report covers: a campaign (or all), days `from` through `through`, a team, a manager.
    public struct Scope: Sendable, Equatable {
        public var campaign: String?
        public var from: LocalDate
        public var through: LocalDate
        public var team: String?
        public var manager: String?
        /// Client segment (`vip`) and tag: clients outside them are left out.
        public var segment: String?
        public var tag: String?

        /// The ISO weeks the days touch (list sizes count the cases of these weeks' waves).
        public var weeks: [ISOWeek] {
            var weeks: [ISOWeek] = []
            var day = ISOWeek(containing: from).monday
            while day <= through {
                weeks.append(ISOWeek(containing: day))
                day = day.adding(days: 7)
            }
            return weeks
        }
    }

    /// The scope from the filters as typed: `--week 2026-W48`, or `--from`/`--to` dates
    /// (either alone is a single day), else the current week.
    public func scope(
        campaign: String?, week: String?, from: String?, to: String?, team: String?, manager: String?, segment: String? = nil, tag: String? = nil
    ) throws -> Scope {
        let segment = segment?.lowercased()
        if let segment, !Self.segments.contains(segment) {
            throw ServiceError(.invalid, "--segment \"\(segment)\" is not a segment (\(Self.segments.joined(separator: ", ")))")
        }
        var first: LocalDate, last: LocalDate
        if let week {
            guard from == nil, to == nil else { throw ServiceError(.invalid, "give --week or --from/--to, not both") }
            guard let parsed = ISOWeek(week) else { throw ServiceError(.invalid, "--week \"\(week)\" is not an ISO week like 2026-W48") }
            (first, last) = (parsed.monday, parsed.monday.adding(days: 6))
        } else if from != nil || to != nil {
            let parsedFrom = try from.map { try Self.date($0, option: "--from") }
            let parsedTo = try to.map { try Self.date($0, option: "--to") }
            (first, last) = (parsedFrom ?? parsedTo!, parsedTo ?? parsedFrom!)
            guard first <= last else { throw ServiceError(.invalid, "--from \(first) is after --to \(last)") }
        } else {
            let current = ISOWeek(containing: settings.today)
            (first, last) = (current.monday, current.monday.adding(days: 6))
        }
        return Scope(campaign: campaign, from: first, through: last, team: team, manager: manager, segment: segment, tag: tag)
    }

    static let segments = ["individual", "company", "vip", "foreign"]

    private static func date(_ text: String, option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw ServiceError(.invalid, "\(option) \"\(text)\" is not a date like 2026-11-24") }
        return date
    }

    /// `report managers`: every manager in scope with a list, calls, or an active account, ranked.
    public func managers(_ scope: Scope, by column: ManagerComparison.RankColumn, as caller: Caller) async throws -> [ManagerComparison.Figures] {
        try Authorization.check(caller, .reportManagers)
        let zone = settings.timeZone.identifier
        return try await database.useCase(pool: .reports) { tx in
            let campaignID = try await resolve(scope, tx)?.id
            let campaigns = try await tx.campaigns()
            let workflows = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, $0.workflow) })
            if case .amount(let outcome) = column {
                let moneyOutcomes = Set(
                    campaigns.filter { campaignID == nil || $0.id == campaignID }
                        .flatMap { $0.workflow.steps.flatMap(\.outcomes) }.filter { $0.amount != .none }.map(\.name)
                ).sorted()
                guard moneyOutcomes.contains(outcome) else {
                    let amounts = moneyOutcomes.isEmpty ? "" : ", or an outcome with an amount: \(moneyOutcomes.joined(separator: ", "))"
                    let figures = ManagerComparison.RankColumn.figures.map(\.description).joined(separator: ", ")
                    throw ServiceError(.invalid, "--by \"\(outcome)\" is not a column (\(figures)\(amounts))")
                }
            }
            let tallies = try await tx.rollupTallies(
                campaignID: campaignID, from: scope.from, through: scope.through, team: scope.team,
                manager: scope.manager, segment: scope.segment, tag: scope.tag, zone: zone)
            let late = try await tx.lateCounts(
                caseScope(scope, campaignID: campaignID), from: scope.from, through: scope.through, today: settings.today,
                deadlines: stepDeadlines(campaigns, campaignID: campaignID, from: scope.from, through: scope.through))
            let withCalls = Set(tallies.map(\.manager)).union(late.keys)
            let people = try await tx.reportManagers(
                campaignID: campaignID, weeks: scope.weeks.map(\.description), team: scope.team,
                manager: scope.manager, segment: scope.segment, tag: scope.tag
            )
            .filter { $0.active || $0.listSize > 0 || withCalls.contains($0.login) }
            var rows = ManagerComparison.figures(
                tallies.map { tally in
                    ManagerComparison.Tally(
                        manager: tally.manager, step: tally.step, outcome: tally.outcome,
                        effect: workflows[tally.campaignID]?.step(named: tally.step)?.outcome(named: tally.outcome)?.effect,
                        calls: tally.calls, amountCents: ManagerComparison.cents(tally.amount) ?? 0, handlingSeconds: tally.handlingSeconds)
                },
                managers: Dictionary(uniqueKeysWithValues: people.map { ($0.login, (team: $0.team, listSize: $0.listSize)) }))
            for index in rows.indices { rows[index].late = late[rows[index].manager] ?? 0 }
            return ManagerComparison.ranked(rows, by: column)
        }
    }

    /// `report rebuild`: recomputes the rollups from the call history; `differing` is how
    /// many rollup rows the outcomes had maintained differently (0 proves them right).
    public func rebuild(as caller: Caller) async throws -> RollupRebuild {
        try Authorization.check(caller, .rebuildReports)
        let zone = settings.timeZone.identifier
        return try await database.useCase(pool: .reports) { tx in try await tx.rebuildCallRollup(zone: zone) }
    }
}
