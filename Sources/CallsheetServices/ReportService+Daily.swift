public import CallsheetDomain
import CallsheetStore
import Foundation

extension ReportService {
    /// `report daily`: per manager per day of the scope, calls, first calls from their list,
    /// money outcomes, what was still not called and the call-backs overdue at day's end.
    public func daily(_ scope: Scope, as caller: Caller) async throws -> DailyTracking {
        try Authorization.check(caller, .reportDaily)
        let zone = settings.timeZone.identifier
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            try await tx.useCalendarZone(zone)
            let cases = caseScope(scope, campaignID: campaign?.id)
            var workflows = campaign.map { [$0.workflow] } ?? []
            if campaign == nil { workflows = try await tx.campaigns().map(\.workflow) }
            let amountOutcomes = Set(workflows.flatMap { $0.steps.flatMap(\.outcomes) }.filter { $0.amount != .none }.map(\.name))
            let calls = try await tx.rollupTallies(
                campaignID: campaign?.id, from: scope.from, through: scope.through, team: scope.team,
                manager: scope.manager, segment: scope.segment, tag: scope.tag, zone: zone, byDay: true)
            let caseDays = try await tx.caseDays(cases)
            let callbacks = try await tx.callbackDays(cases, from: scope.from, through: scope.through)
            let people = try await tx.reportManagers(
                campaignID: campaign?.id, weeks: cases.weeks, team: scope.team, manager: scope.manager,
                segment: scope.segment, tag: scope.tag)
            let busy = Set(calls.map(\.manager)).union(callbacks.map(\.manager))
            let managers = people.filter { $0.listSize > 0 || busy.contains($0.login) }.map(\.login)
            var days: [LocalDate] = []
            var day = scope.from
            while day <= scope.through { days.append(day); day = day.adding(days: 1) }
            return DailyTracking(
                days: days, managers: managers, cases: caseDays, callbacks: callbacks,
                calls: calls.compactMap { tally in
                    tally.day.map {
                        DailyTracking.CallDay(
                            manager: tally.manager, day: $0, outcome: tally.outcome, calls: tally.calls,
                            cents: ManagerComparison.cents(tally.amount) ?? 0)
                    }
                },
                amountOutcomes: amountOutcomes)
        }
    }
}
