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
        let zone = settings.timeZone, now = settings.clock(), today = settings.today
        return try await database.useCase { tx in
            let campaign = try await resolve(scope, tx)
            try await tx.useCalendarZone(zone.identifier)
            let candidates = try await tx.lateCandidates(caseScope(scope, campaignID: campaign?.id), from: scope.from, through: scope.through, today: today)
            let judge = try await lateness(tx)
            return candidates.compactMap { task in
                guard let lateness = judge(task.campaignID, task.step, task.dueOn, task.closedOn) else { return nil }
                let endOfDeadline = lateness.deadline.adding(days: 1).start(in: zone)
                return LateTask(task: task, lateness: lateness, hours: max(0, (task.closedAt ?? now).timeIntervalSince(endOfDeadline) / 3600))
            }
        }
    }

    /// Late tasks per manager login (the `late` column of `report managers`), counted
    /// like `report late --totals`. Calendar zone: the caller sets it.
    func lateCounts(_ scope: CaseScope, from: LocalDate, through: LocalDate, _ tx: StoreTransaction) async throws -> [String: Int] {
        let tallies = try await tx.lateTallies(scope, from: from, through: through, today: settings.today)
        guard !tallies.isEmpty else { return [:] }
        let judge = try await lateness(tx)
        var counts: [String: Int] = [:]
        for tally in tallies where judge(tally.campaignID, tally.step, tally.dueOn, tally.closedOn) != nil {
            counts[tally.manager, default: 0] += tally.tasks
        }
        return counts
    }

    /// How late a task of (campaign, step, due day, done day or nil while open) is today:
    /// its step's standard in its campaign's business calendar; nil when on time.
    private func lateness(_ tx: StoreTransaction) async throws -> @Sendable (Int, String, LocalDate, LocalDate?) -> Lateness? {
        let today = settings.today, holidays = settings.globalHolidays
        let rules = Dictionary(uniqueKeysWithValues: try await tx.campaigns().map { record in
            (record.id, (workflow: record.workflow, calendar: record.calendar(globalHolidays: holidays)))
        })
        return { campaignID, step, due, doneOn in
            guard let rule = rules[campaignID] else { return nil }
            let standard = rule.workflow.step(named: step)?.standardDays ?? 0
            return Lateness.of(due: due, standardDays: standard, calendar: rule.calendar, doneOn: doneOn, today: today)
        }
    }
}
