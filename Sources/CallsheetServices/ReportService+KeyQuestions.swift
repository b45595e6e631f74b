import CallsheetDomain
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
    public func untouched(_ scope: Scope, limit: Int) async throws -> (rows: [UntouchedClient], notAssigned: Int, assigned: Int) {
        try await database.useCase { tx in
            let campaign = try await resolve(scope, tx)
            return try await tx.untouchedClients(caseScope(scope, campaignID: campaign?.id), limit: limit)
        }
    }

    /// `report neglected`: clients of the filters without a call in the last `days` days.
    public func neglected(_ scope: Scope, days: Int, minimumImportance: Int, limit: Int) async throws -> (rows: [NeglectedClient], total: Int) {
        let before = settings.clock().addingTimeInterval(-Double(days) * 86_400)
        return try await database.useCase { tx in
            let campaign = try await resolve(scope, tx)
            return try await tx.neglectedClients(caseScope(scope, campaignID: campaign?.id), minimumImportance: minimumImportance, before: before, limit: limit)
        }
    }

    /// `report late`: tasks due in the scope's days that were done after their step's time
    /// standard, or are still open past it (each campaign's own business calendar).
    public func late(_ scope: Scope) async throws -> [LateTask] {
        let zone = settings.timeZone, now = settings.clock(), today = settings.today, holidays = settings.globalHolidays
        return try await database.useCase { tx in
            let campaign = try await resolve(scope, tx)
            let campaigns = try await tx.campaigns()
            let tasks = try await tx.lateCandidates(caseScope(scope, campaignID: campaign?.id), from: scope.from, through: scope.through, today: today,
                                                    deadlines: stepDeadlines(campaigns, campaignID: campaign?.id, from: scope.from, through: scope.through))
            let byID = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, $0) })
            return tasks.compactMap { task in
                guard let record = byID[task.campaignID] else { return nil }
                let standard = record.workflow.step(named: task.step)?.standardDays ?? 0
                guard let lateness = Lateness.of(due: task.dueOn, standardDays: standard, calendar: record.calendar(globalHolidays: holidays),
                                                 doneOn: task.closedOn, today: today) else { return nil }
                let endOfDeadline = lateness.deadline.adding(days: 1).start(in: zone)
                return LateTask(task: task, lateness: lateness, hours: max(0, (task.closedAt ?? now).timeIntervalSince(endOfDeadline) / 3600))
            }
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
    public func lateTotals(_ scope: Scope) async throws -> [LateTotal] {
        let zone = settings.timeZone, now = settings.clock(), today = settings.today, holidays = settings.globalHolidays
        return try await database.useCase { tx in
            let campaign = try await resolve(scope, tx)
            let campaigns = try await tx.campaigns()
            let groups = try await tx.lateGroups(caseScope(scope, campaignID: campaign?.id), from: scope.from, through: scope.through, today: today,
                                                 deadlines: stepDeadlines(campaigns, campaignID: campaign?.id, from: scope.from, through: scope.through))
            let byID = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, $0) })
            var totals: [String: LateTotal] = [:]
            for group in groups {
                guard let record = byID[group.campaignID] else { continue }
                let standard = record.workflow.step(named: group.step)?.standardDays ?? 0
                guard let lateness = Lateness.of(due: group.dueOn, standardDays: standard, calendar: record.calendar(globalHolidays: holidays),
                                                 doneOn: group.closedOn, today: today) else { continue }
                let endOfDeadline = lateness.deadline.adding(days: 1).start(in: zone).timeIntervalSince1970
                let finished = group.closedOn == nil ? Double(group.tasks) * now.timeIntervalSince1970 : group.closedAtSeconds
                var total = totals[group.manager] ?? LateTotal(manager: group.manager)
                if group.closedOn == nil { total.openLate += group.tasks } else { total.doneLate += group.tasks }
                total.lateDays += lateness.businessDays * group.tasks
                total.worstDays = max(total.worstDays, lateness.businessDays)
                total.lateHours += max(0, finished - Double(group.tasks) * endOfDeadline) / 3600
                totals[group.manager] = total
            }
            return totals.values.sorted { $0.manager < $1.manager }
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
                    deadlines.append(StepDeadline(campaignID: record.id, step: step.name, dueOn: day,
                                                  deadline: Lateness.deadline(due: day, standardDays: step.standardDays, calendar: calendar)))
                    day = day.adding(days: 1)
                }
            }
        }
        return deadlines
    }
}
