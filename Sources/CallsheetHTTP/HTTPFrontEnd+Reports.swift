import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// `GET /api/v1/reports/{funnel|daily|managers|late|untouched|neglected|offers|forecast}`:
/// the console's reports with its filters as query parameters (`campaign`, `week`, `from`,
/// `to`, `team`, `manager`, `segment`, `tag`). Rates are fractions, money is decimal text,
/// counts are numbers — never the console's `60.6%`.
extension HTTPFrontEnd {
    func addReportRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("reports/funnel") { request, context -> Response in
            let by = Self.nonEmpty(request.uri.queryParameters.get("by")) ?? "none"
            guard let grouping = FunnelGrouping(rawValue: by) else { throw ServiceError(.invalid, "by=\(by) is not manager, week or segment") }
            let funnel = try await useCases.reports.funnel(try scope(request), by: grouping, as: try Self.caller(context))
            return try Self.json(ReportJSON.FunnelReport(funnel), status: .ok)
        }
        api.get("reports/workbook") { request, context -> Response in
            let query = request.uri.queryParameters
            guard let campaign = Self.nonEmpty(query.get("campaign")), let week = Self.nonEmpty(query.get("week")) else {
                throw ServiceError(.invalid, "the workbook needs ?campaign=NAME&week=2026-W48")
            }
            let file = try await useCases.reports.weekWorkbook(campaign: campaign, week: week, as: try Self.caller(context))
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    .contentDisposition: "attachment; filename=\"\(file.fileName.filter { $0.isASCII && $0 != "\"" })\"", .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
        api.get("reports/daily") { request, context -> Response in
            let daily = try await useCases.reports.daily(try scope(request), as: try Self.caller(context))
            return try Self.json(daily.rows.map(ReportJSON.DailyRow.init), status: .ok)
        }
        api.get("reports/managers") { request, context -> Response in
            let by = Self.nonEmpty(request.uri.queryParameters.get("by")) ?? "calls"
            guard let column = ManagerComparison.RankColumn(by) else { throw ServiceError(.invalid, "by=\(by) is not a column of the managers report") }
            let rows = try await useCases.reports.managers(try scope(request), by: column, as: try Self.caller(context))
            return try Self.json(rows.enumerated().map { ReportJSON.ManagerRow(rank: $0.offset + 1, $0.element) }, status: .ok)
        }
        api.get("reports/late") { request, context -> Response in
            let late = try await useCases.reports.late(try scope(request), as: try Self.caller(context))
            return try Self.json(late.map(ReportJSON.LateRow.init), status: .ok)
        }
        api.get("reports/untouched") { request, context -> Response in
            let limit = try Self.limit(Self.nonEmpty(request.uri.queryParameters.get("limit")), default: 100, maximum: 100_000)
            let found = try await useCases.reports.untouched(try undatedScope(request), limit: limit, as: try Self.caller(context))
            return try Self.json(ReportJSON.Untouched(found), status: .ok)
        }
        api.get("reports/neglected") { request, context -> Response in
            let query = request.uri.queryParameters
            let days = try Self.number(Self.nonEmpty(query.get("days")), name: "days", default: 30, in: 1...36_500)
            let importance = try Self.number(Self.nonEmpty(query.get("importance")), name: "importance", default: 0, in: 0...10)
            let limit = try Self.limit(Self.nonEmpty(query.get("limit")), default: 100, maximum: 100_000)
            let found = try await useCases.reports.neglected(
                try undatedScope(request), days: days, minimumImportance: importance, limit: limit, as: try Self.caller(context))
            return try Self.json(ReportJSON.Neglected(found), status: .ok)
        }
        api.get("reports/offers") { request, context -> Response in
            let offers = try await useCases.reports.offers(try scope(request), as: try Self.caller(context))
            return try Self.json(offers.map { ReportJSON.OfferRow(status: $0.status, reason: $0.reason, cases: $0.cases) }, status: .ok)
        }
        api.get("reports/forecast") { request, context -> Response in
            let forecast = try await useCases.reports.forecast(try scope(request), as: try Self.caller(context))
            return try Self.json(ReportJSON.ForecastReport(forecast), status: .ok)
        }
    }

    private func scope(_ request: Request) throws -> ReportService.Scope {
        let q = request.uri.queryParameters
        func value(_ name: String) -> String? { Self.nonEmpty(q.get(name)) }
        return try useCases.reports.scope(
            campaign: value("campaign"), week: value("week"), from: value("from"), to: value("to"), team: value("team"), manager: value("manager"),
            segment: value("segment"), tag: value("tag"))
    }

    /// Reports over the whole history take no dates.
    private func undatedScope(_ request: Request) throws -> ReportService.Scope {
        let q = request.uri.queryParameters
        if let dated = ["week", "from", "to"].first(where: { Self.nonEmpty(q.get($0)) != nil }) {
            throw ServiceError(.invalid, "this report looks at the whole history: it takes no \(dated)=")
        }
        return try scope(request)
    }

    static func number(_ text: String?, name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ServiceError(.invalid, "\(name)=\(text) is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
