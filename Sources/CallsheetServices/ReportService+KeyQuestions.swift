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
            let candidates = try await tx.lateCandidates(caseScope(scope, campaignID: campaign?.id), from: scope.from, through: scope.through, today: today)
            let campaigns = Dictionary(uniqueKeysWithValues: try await tx.campaigns().map { ($0.id, $0) })
            return candidates.compactMap { task in
                guard let record = campaigns[task.campaignID] else { return nil }
                let standard = record.workflow.step(named: task.step)?.standardDays ?? 0
                guard let lateness = Lateness.of(due: task.dueOn, standardDays: standard, calendar: record.calendar(globalHolidays: holidays),
                                                 doneOn: task.closedOn, today: today) else { return nil }
                let endOfDeadline = lateness.deadline.adding(days: 1).start(in: zone)
                return LateTask(task: task, lateness: lateness, hours: max(0, (task.closedAt ?? now).timeIntervalSince(endOfDeadline) / 3600))
            }
        }
    }

    /// Late tasks per manager login (the `late` column of `report managers`), counted
    /// like `report late --totals`: every step's deadline for each due day of the scope,
    /// in each campaign's business calendar, is worked out here and compared in the store.
    func lateCounts(_ scope: CaseScope, from: LocalDate, through: LocalDate, _ tx: StoreTransaction) async throws -> [String: Int] {
        let holidays = settings.globalHolidays
        var deadlines: [StepDeadline] = []
        for record in try await tx.campaigns() where scope.campaignID == nil || record.id == scope.campaignID {
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
        return try await tx.lateCounts(scope, from: from, through: through, today: settings.today, deadlines: deadlines)
    }
}
