public import CallsheetDomain
import CallsheetStore
import Foundation

extension ReportService {
    /// What `export sheets` hands the administrator: the week's lists, one per manager,
    /// and the totals — what administrators keep in a weekly spreadsheet today (docs/domain.md#spreadsheet-export).
    public struct WeekSheets: Sendable {
        public var campaign: String
        public var week: ISOWeek
        /// Every case of the wave, by manager and client name.
        public var rows: [SheetRow]
        public var funnel: Funnel
        /// Each workflow step and the day the wave's plan puts it on (nil: the manager sets it).
        public var plan: [(step: String, day: LocalDate?)]
    }

    /// The sheets of the campaign's wave of `week`.
    public func weekSheets(campaign name: String, week text: String, as caller: Caller) async throws -> WeekSheets {
        try Authorization.check(caller, .exportSheets)
        guard let week = ISOWeek(text) else { throw ServiceError(.invalid, "--week \"\(text)\" is not an ISO week like 2026-W48") }
        let holidays = settings.globalHolidays
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await tx.requireCampaign(name)
            guard try await tx.campaignsWithWaves(in: [week.description], campaignID: campaign.id).isEmpty == false else {
                throw ServiceError(.notFound, "campaign '\(name)' has no wave in \(week) (see: wave list \(name))")
            }
            let rows = try await tx.sheetRows(campaignID: campaign.id, week: week.description)
            let scope = CaseScope(campaignID: campaign.id, weeks: [week.description], team: nil, manager: nil, segment: nil, tag: nil)
            let funnel = Funnel(workflow: campaign.workflow, tallies: try await tx.funnelTallies(scope, by: .none))
            let timeline = WaveTimeline(week: week, calendar: campaign.calendar(globalHolidays: holidays), eventDay: campaign.effectiveEventDay)
            var plan: [(step: String, day: LocalDate?)] = []
            var previous: LocalDate?
            for step in campaign.workflow.steps {
                let day = timeline.dueDate(step.due, previousDone: previous)
                plan.append((step.name, day))
                previous = day ?? previous
            }
            return WeekSheets(campaign: campaign.name, week: week, rows: rows, funnel: funnel, plan: plan)
        }
    }
}
