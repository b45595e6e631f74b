public import CallsheetDomain
import CallsheetStore
import Foundation

extension ReportService {
    /// A task past its time standard (`report late`).
    public struct LateTask: Sendable, Equatable {
        public var task: LateCandidate
        public var lateness: Lateness
        /// Hours from the end of the deadline day (calendar zone) to when it was done, or to now.
        public var hours: Double
    }

    /// `report untouched`: clients never called, split into not assigned and assigned.
    public func untouched(_ scope: Scope, limit: Int, as caller: Caller) async throws -> UntouchedReport {
        try Authorization.check(caller, .reportUntouched)
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            let found = try await tx.untouchedClients(caseScope(scope, campaignID: campaign?.id), limit: limit)
            return UntouchedReport(rows: found.rows, notAssigned: found.notAssigned, assigned: found.assigned)
        }
    }

    /// `report neglected`: clients of the filters without a call in the last `days` days.
    public func neglected(_ scope: Scope, days: Int, minimumImportance: Int, limit: Int, as caller: Caller) async throws -> NeglectedReport {
        try Authorization.check(caller, .reportNeglected)
        let before = settings.clock().addingTimeInterval(-Double(days) * 86_400)
        return try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            let found = try await tx.neglectedClients(
                caseScope(scope, campaignID: campaign?.id), minimumImportance: minimumImportance, before: before, limit: limit)
            return NeglectedReport(rows: found.rows, total: found.total)
        }
    }

    /// `report late`: tasks due in the scope's days that were done after their step's time
    /// standard, or are still open past it (each campaign's own business calendar).
    public func late(_ scope: Scope, as caller: Caller) async throws -> [LateTask] {
        try Authorization.check(caller, .reportLate)
        let now = settings.clock()
        let (tasks, judge) = try await lateRows(scope) { tx, cases, deadlines in
            try await tx.lateCandidates(cases, from: scope.from, through: scope.through, today: settings.today, deadlines: deadlines)
        }
        return tasks.compactMap { task in
            guard let (lateness, endOfDeadline) = judge.lateness(campaignID: task.campaignID, step: task.step, due: task.dueOn, doneOn: task.closedOn)
            else { return nil }
            return LateTask(task: task, lateness: lateness, hours: max(0, (task.closedAt ?? now).timeIntervalSince(endOfDeadline) / 3600))
        }
    }

    /// One manager's row of `report late --totals`.
    public struct LateTotal: Sendable, Equatable {
        public var manager: String
        public var doneLate = 0
        public var openLate = 0
        /// Business days late, summed over the tasks, and the most any one task is late.
        public var lateDays = 0
        public var worstDays = 0
        /// Hours from the end of each deadline day to when the task was done (or to now), summed.
        public var lateHours = 0.0

        public var late: Int { doneLate + openLate }
    }

    /// `report late --totals`: the same tasks as `late`, added up per manager from counts
    /// per (campaign, step, due day, day done) — a bad week's tens of thousands of late
    /// tasks are never read one by one.
    public func lateTotals(_ scope: Scope, as caller: Caller) async throws -> [LateTotal] {
        try Authorization.check(caller, .reportLate)
        let now = settings.clock().timeIntervalSince1970
        let (groups, judge) = try await lateRows(scope) { tx, cases, deadlines in
            try await tx.lateGroups(cases, from: scope.from, through: scope.through, today: settings.today, deadlines: deadlines)
        }
        var totals: [String: LateTotal] = [:]
        for group in groups {
            guard let (lateness, endOfDeadline) = judge.lateness(campaignID: group.campaignID, step: group.step, due: group.dueOn, doneOn: group.closedOn)
            else { continue }
            let finished = group.closedOn == nil ? Double(group.tasks) * now : group.closedAtSeconds
            var total = totals[group.manager] ?? LateTotal(manager: group.manager)
            if group.closedOn == nil { total.openLate += group.tasks } else { total.doneLate += group.tasks }
            total.lateDays += lateness.businessDays * group.tasks
            total.worstDays = max(total.worstDays, lateness.businessDays)
            total.lateHours += max(0, finished - Double(group.tasks) * endOfDeadline.timeIntervalSince1970) / 3600
            totals[group.manager] = total
        }
        return totals.values.sorted { $0.manager < $1.manager }
    }

    /// Reads late rows (`fetch`, given the scope and every step's deadline) in one
    /// transaction, with the judge that says by how much each is late.
    private func lateRows<Row: Sendable>(
        _ scope: Scope, _ fetch: (StoreTransaction, CaseScope, [StepDeadline]) async throws -> [Row]
    ) async throws -> ([Row], LateJudge) {
        try await database.useCase(pool: .reports) { tx in
            let campaign = try await resolve(scope, tx)
            let campaigns = try await tx.campaigns()
            let rows = try await fetch(
                tx, caseScope(scope, campaignID: campaign?.id),
                stepDeadlines(campaigns, campaignID: campaign?.id, from: scope.from, through: scope.through))
            return (rows, LateJudge(campaigns: campaigns, holidays: settings.globalHolidays, today: settings.today, zone: settings.timeZone))
        }
    }

    /// Every step's deadline (`Lateness.deadline`) for each due day `from` … `through`, in
    /// each campaign's business calendar (one campaign, or all); steps with no standard
    /// are left out (their deadline is the due day).
    func stepDeadlines(_ campaigns: [CampaignRecord], campaignID: Int?, from: LocalDate, through: LocalDate) -> [StepDeadline] {
        let holidays = settings.globalHolidays
        var deadlines: [StepDeadline] = []
        for record in campaigns where campaignID == nil || record.id == campaignID {
            let calendar = record.calendar(globalHolidays: holidays)
            for step in record.workflow.steps where step.standardDays > 0 {
                var day = from
                while day <= through {
                    deadlines.append(
                        StepDeadline(
                            campaignID: record.id, step: step.name, dueOn: day,
                            deadline: Lateness.deadline(due: day, standardDays: step.standardDays, calendar: calendar)))
                    day = day.adding(days: 1)
                }
            }
        }
        return deadlines
    }
}
