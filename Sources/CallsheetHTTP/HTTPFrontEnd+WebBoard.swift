import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The administrator's board (seed 004's totals sheet, seed 000's figures in real time):
/// the week of one campaign — the funnel, the daily tracking per manager and the key
/// questions — and the managers compared. Read-only pages over the report use cases, so a
/// viewer (a sales director) sees exactly what an administrator sees and can change nothing;
/// a manager gets the 403 page. Both pages refresh their figures by themselves when a call
/// is recorded anywhere (the API's events), without a reload.
extension HTTPFrontEnd {
    func addWebBoardRoutes(to pages: RouterGroup<APIRequestContext>) {
        pages.get("board") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.boardReader(context)
            let choice = try await boardChoice(request, caller: caller)
            let (campaign, week) = (choice.campaign, choice.week)
            var values = choice.values
            values["heading"] = catalog.format("board_heading", ["campaign": campaign ?? "—", "week": week.description])
            if let campaign {
                let scope = try useCases.reports.scope(campaign: campaign, week: week.description, from: nil, to: nil, team: nil, manager: nil)
                let settings = useCases.calls.campaignSettings
                let query = request.uri.queryParameters
                var neglect = BoardWeek.NeglectQuestion()
                neglect.days = try Self.number(Self.nonEmpty(query.get("days")), name: "days", default: neglect.days, in: 1...3_650)
                neglect.importance = try Self.number(Self.nonEmpty(query.get("importance")), name: "importance", default: neglect.importance, in: 0...10)
                let figures = try await BoardWeek.values(
                    useCases.reports, scope: scope, neglect: neglect, today: settings.today, zone: settings.timeZone, catalog: catalog, as: caller)
                values.merge(figures) { $1 }
                values["workbook"] = "/api/v1/reports/workbook?campaign=\(Self.queryValue(campaign))&week=\(week)"
            } else {
                values["noCampaign"] = true
            }
            return WebPage(template: "board", title: catalog["board_title"], values: values, tab: "board").response(catalog, context: context)
        }
        pages.get("board/managers") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.boardReader(context)
            let choice = try await boardChoice(request, caller: caller)
            let (campaign, week) = (choice.campaign, choice.week)
            let byText = Self.nonEmpty(request.uri.queryParameters.get("by")) ?? "calls"
            guard let column = ManagerComparison.RankColumn(byText) else {
                throw ServiceError(.invalid, "by=\(byText) is not a measure (\(ManagerComparison.RankColumn.figures.map(\.description).joined(separator: ", ")))")
            }
            let scope = try useCases.reports.scope(campaign: campaign, week: week.description, from: nil, to: nil, team: nil, manager: nil)
            let rows = try await useCases.reports.managers(scope, by: column, as: caller)
            let late = try await useCases.reports.lateTotals(scope, as: caller)
            var values = BoardManagers(rows: rows, late: late, column: column, catalog: catalog).values.merging(choice.values) { $1 }
            values["heading"] = catalog.format("managers_heading", ["campaign": campaign ?? "—", "week": week.description])
            return WebPage(template: "managers", title: catalog["managers_title"], values: values, tab: "managers").response(catalog, context: context)
        }
    }

    /// Administrators and viewers read the board; a manager is shown the 403 page.
    static func boardReader(_ context: APIRequestContext) throws -> Caller {
        let caller = try caller(context)
        guard caller.role == .admin || caller.role == .viewer else {
            throw ServiceError(.permission, "the board is for administrators and viewers; a manager works from the call page")
        }
        return caller
    }

    /// The campaigns to choose from, the one asked for (`?campaign=`, else the first active
    /// one) and the ISO week (`?week=2026-W49`, else the current one).
    struct BoardChoice {
        var campaigns: [CampaignRecord]
        var campaign: String?
        var week: ISOWeek

        /// The choice bar's values (`board-choice` partial): every campaign, the chosen one
        /// selected, and the week.
        var values: [String: Any] {
            ["campaigns": campaigns.map { ["name": $0.name, "selected": $0.name == campaign] }, "week": week.description]
        }
    }

    func boardChoice(_ request: Request, caller: Caller) async throws -> BoardChoice {
        let query = request.uri.queryParameters
        let campaigns = try await useCases.campaigns.campaigns(withCounts: false, as: caller)
        let asked = Self.nonEmpty(query.get("campaign"))
        if let asked, !campaigns.contains(where: { $0.name == asked }) { throw ServiceError(.notFound, "no campaign '\(asked)'") }
        let campaign = asked ?? (campaigns.first { $0.state == .active } ?? campaigns.first)?.name
        var week = ISOWeek(containing: useCases.calls.campaignSettings.today)
        if let text = Self.nonEmpty(query.get("week")) {
            guard let parsed = ISOWeek(text) else { throw ServiceError(.invalid, "week=\(text) is not an ISO week like 2026-W49") }
            week = parsed
        }
        return BoardChoice(campaigns: campaigns, campaign: campaign, week: week)
    }
}
