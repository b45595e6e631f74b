public import CallsheetDomain
import CallsheetStore
import Foundation

extension CallService {
    /// What the manager typed with `outcome`.
    public struct OutcomeInput: Sendable {
        public var outcome: String
        public var note: String?
        public var amount: String?
        /// As typed (`14:30`, `2026-11-24 10:00`, `+2h`), read in the manager's time zone.
        public var at: String?
        public var reason: String?
        public var requestID: String?
        /// For a call-back: "my team" — any manager of the team may take it once it is due.
        public var forTeam: Bool

        public init(
            outcome: String, note: String? = nil, amount: String? = nil, at: String? = nil, reason: String? = nil, requestID: String? = nil,
            forTeam: Bool = false
        ) {
            self.outcome = outcome
            self.note = note
            self.amount = amount
            self.at = at
            self.reason = reason
            self.requestID = requestID
            self.forTeam = forTeam
        }
    }

    /// What recording an outcome did.
    public struct OutcomeResult: Sendable, Equatable {
        public var taskID: Int
        public var outcome: String
        /// The case's new state (`open` unless it closed).
        public var caseState: String
        public var nextTaskID: Int?
        public var nextStep: String?
        public var nextDue: LocalDate?
        /// True when the same request id had already been recorded (nothing changed now).
        public var replayed: Bool
    }

    /// Records the outcome of a call the manager holds: history, the case's move and the
    /// next task in one transaction. Refused, changing nothing, when the task is not the
    /// manager's claim, is done, or the outcome is not allowed at its step.
    ///
    /// The common outcome (no request id, no call-back, no do-not-call) takes two round trips
    /// instead of four: the task is read without a lock outside any transaction, and the
    /// write — one atomic statement — checks by itself that the task is still the manager's
    /// pending claim. Should anything have changed in between, nothing was written and the
    /// outcome is recorded (or refused, with the precise reason) on the locking path.
    public func recordOutcome(task taskID: Int, _ input: OutcomeInput, for named: String?, as caller: Caller) async throws -> OutcomeResult {
        let login = try Authorization.actingManager(caller, .recordOutcome, named: named)
        let actor = caller.actingUser
        var input = input
        input.amount = try MoneyAmount.canonical(input.amount, subject: "amount")
        let now = campaignSettings.clock(), today = campaignSettings.today
        if input.requestID == nil, input.outcome != CallService.callbackOutcome,
            let result = try await recordOutcomeOptimistically(task: taskID, input, for: login, by: actor, now: now, today: today)
        {
            return CallMetrics.counted(result)
        }
        return CallMetrics.counted(try await recordOutcomeLocked(task: taskID, input, for: login, by: actor, now: now, today: today))
    }

    /// The two-round-trip path; nil when the locking path must decide.
    private func recordOutcomeOptimistically(
        task taskID: Int, _ input: OutcomeInput, for login: String, by actor: ActingUser,
        now: Date, today: LocalDate
    ) async throws -> OutcomeResult? {
        // A transaction for the same reason as the claim's: OK only after COMMIT answered.
        try await database.useCase(pool: .callLoop) { tx in
            guard let context = try await tx.outcomeContext(login: login, taskID: taskID, locking: false),
                context.task.state == .pending, context.task.claimedBy == context.managerID
            else { return nil }
            let decision = try decide(context, input, now: now, today: today)
            switch decision.call.transition {
            case .callback, .close("do-not-call", _): return nil
            default: break
            }
            do {
                let nextTask = try await tx.recordCall(context.task, by: context.managerID, decision.call, actor: actor)
                return decision.result(taskID: taskID, nextTask: nextTask, step: context.task.step)
            } catch let error as StoreError where error.code == .conflict {
                return nil
            }
        }
    }

    private func recordOutcomeLocked(
        task taskID: Int, _ input: OutcomeInput, for login: String, by actor: ActingUser,
        now: Date, today: LocalDate
    ) async throws -> OutcomeResult {
        let settings = self.settings
        return try await database.useCase(pool: .callLoop) { tx in
            // The task's row lock comes first: a retry sent while the first request is still
            // running waits here, then finds the first one's call and is answered with it.
            guard let context = try await tx.outcomeContext(login: login, taskID: taskID) else {
                let manager = try await tx.requireActiveManager(login, team: nil)
                if let requestID = input.requestID, let earlier = try await tx.callByRequest(requestID, managerID: manager.id) {
                    throw ServiceError(.conflict, "request id '\(requestID)' was already used for task \(earlier.taskID) (\(earlier.outcome))")
                }
                throw ServiceError(.notFound, "no task \(taskID)")
            }
            let task = context.task, managerID = context.managerID
            if let requestID = input.requestID, let earlier = try await tx.callByRequest(requestID, managerID: managerID) {
                guard earlier.taskID == taskID, earlier.outcome == input.outcome || input.outcome == CallService.callbackOutcome else {
                    throw ServiceError(.conflict, "request id '\(requestID)' was already used for task \(earlier.taskID) (\(earlier.outcome))")
                }
                return OutcomeResult(taskID: taskID, outcome: earlier.outcome, caseState: "recorded", nextTaskID: nil, nextStep: nil, nextDue: nil, replayed: true)
            }
            guard task.state == .pending else {
                guard task.state == .cancelled else { throw ServiceError(.conflict, "task \(taskID) is already done; nothing was recorded") }
                let why = try await tx.cancellation(ofTask: taskID).map { " (case closed: \($0.reason), since \($0.at.formatted(Date.ISO8601FormatStyle())))" } ?? ""
                throw ServiceError(.conflict, "task \(taskID) is cancelled\(why); nothing was recorded")
            }
            guard let holder = task.claimedBy else {
                throw ServiceError(.conflict, "task \(taskID) is not claimed (its lease may have run out): take a call with next")
            }
            guard holder == managerID else {
                throw ServiceError(.conflict, "task \(taskID) is held by another manager (a lease that ran out goes back to the queue); nothing was recorded")
            }
            let decision = try decide(context, input, now: now, today: today)
            if case .callback = decision.call.transition, try await tx.openCallbacks(managerID: managerID) >= settings.maximumOpenCallbacks {
                throw ServiceError(.limit, "\(login) already holds \(settings.maximumOpenCallbacks) open call-backs (calls.max_open_callbacks); finish some first")
            }
            let nextTask = try await tx.recordCall(task, by: managerID, decision.call, actor: actor)
            if case .close("do-not-call", _) = decision.call.transition {
                _ = try await tx.addDoNotCall(.client(task.clientID), campaignID: nil, reason: input.reason ?? "asked on a call (\(task.campaign))", actor: actor)
            }
            return decision.result(taskID: taskID, nextTask: nextTask, step: task.step)
        }
    }

    /// What recording `input` on the task of `context` means: the workflow's transition and
    /// the call to write. Throws `INVALID` for an outcome the step does not allow, a bad
    /// `--at`, a missing amount.
    private func decide(_ context: OutcomeContext, _ input: OutcomeInput, now: Date, today: LocalDate) throws -> OutcomeDecision {
        let task = context.task, workflow = context.workflow
        var at: (instant: Date, day: LocalDate)?
        if let text = input.at {
            let zone = TimeZone(identifier: context.managerTimeZone) ?? .current
            guard let parsed = ConsoleTime.parse(text, now: now, zone: zone) else {
                throw ServiceError(.invalid, "--at \"\(text)\" is not a time (\(ConsoleTime.forms))")
            }
            guard parsed.timeIntervalSince(now) <= Self.furthestCallback else {
                throw ServiceError(.invalid, "--at \"\(text)\" is more than a year ahead; book a call-back within a year")
            }
            at = (parsed, LocalDate(parsed, in: zone))
        }
        var outcomeName = input.outcome
        if outcomeName == CallService.callbackOutcome {
            // `callback TASK --at T`: the step's call-back outcome, whatever the workflow calls it.
            outcomeName = workflow.step(named: task.step)?.outcomes.first { $0.effect == .callback }?.name ?? outcomeName
        }
        let week = task.waveWeek.flatMap(ISOWeek.init) ?? ISOWeek(containing: today)
        let rules = OutcomeRules(
            workflow: workflow,
            timeline: WaveTimeline(
                week: week, calendar: context.calendar(globalHolidays: campaignSettings.globalHolidays), eventDay: context.effectiveEventDay))
        let transition: CaseTransition
        do {
            transition = try rules.transition(
                step: task.step, outcome: outcomeName, attempt: task.attempt, amount: input.amount,
                reason: input.reason, doneAt: now, doneOn: today, at: at)
        } catch {
            throw ServiceError(.invalid, error.message)
        }
        let stepOutcome = workflow.step(named: task.step)?.outcome(named: outcomeName)
        var furthest: Int?
        if case .advance(let step, _, _, _) = transition { furthest = workflow.steps.firstIndex { $0.name == step } }
        var call = RecordedCall(
            outcome: outcomeName, note: input.note, amount: input.amount, reason: input.reason, quality: stepOutcome?.quality,
            requestID: input.requestID, finishedAt: now, finishedOn: today, clientDefaultZone: defaultZone, transition: transition,
            furthestStep: furthest, offer: stepOutcome?.offer?.rawValue)
        if case .callback = transition {
            call.callbackForTeam = input.forTeam
        } else if input.forTeam {
            throw ServiceError(.invalid, "--team is for a call-back; '\(outcomeName)' books none")
        }
        return OutcomeDecision(call: call)
    }

    /// How far ahead a call-back may be booked: a year (and a day, for "same day next year").
    static let furthestCallback: TimeInterval = 366 * 86_400

    /// The word `callback TASK` sends: stands for the step's outcome that leads to a call-back.
    public static let callbackOutcome = "@callback"

    /// Gives a claimed call back without an outcome (it is due again at once for anyone it belongs to).
    ///
    /// The release is kept in the client's history with the reason given ("wrong person
    /// answered", "line busy"), so whoever calls next knows why this call was not made.
    public func release(task taskID: Int, reason: String? = nil, for named: String?, as caller: Caller) async throws {
        let login = try Authorization.actingManager(caller, .release, named: named)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reason, reason.count > 500 { throw ServiceError(.invalid, "--reason is \(reason.count) characters; keep it under 500") }
        try await database.useCase(pool: .callLoop) { tx in
            let manager = try await tx.requireActiveManager(login, team: nil)
            guard let task = try await tx.task(taskID, forUpdate: true) else { throw ServiceError(.notFound, "no task \(taskID)") }
            guard task.state == .pending, task.claimedBy == manager.id else {
                throw ServiceError(.conflict, "task \(taskID) is not claimed by \(login)")
            }
            try await tx.releaseTask(taskID)
            let why = reason.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
            try await tx.appendClientEvent(
                task.clientID, actor: caller.actingUser, kind: "released", summary: "\(login) gave back the \(task.step) call of \(task.campaign)\(why)")
        }
    }

    /// Due and overdue calls through `date` (default today) for one manager, or everyone.
    public func agenda(for named: String?, date: LocalDate?, as caller: Caller) async throws -> Agenda {
        let login = try Authorization.readManager(caller, .agenda, named: named)
        let day = date ?? campaignSettings.today
        return try await database.useCase { tx in
            var managerID: Int?
            if let login {
                guard let manager = try await tx.managers(login: login).first else { throw ServiceError(.notFound, "no manager '\(login)'") }
                managerID = manager.id
            }
            return Agenda(day: day, entries: try await tx.agenda(managerID: managerID, through: day, limit: 10_000))
        }
    }

    /// Sweeps leases that ran out (the scheduler calls this).
    public func sweepLeases() async throws -> Int {
        let now = campaignSettings.clock()
        return try await database.useCase { tx in try await tx.sweepExpiredLeases(now: now) }
    }
}

/// An outcome worked out from the workflow, before it is written.
private struct OutcomeDecision {
    var call: RecordedCall

    func result(taskID: Int, nextTask: Int?, step: String) -> CallService.OutcomeResult {
        var result = CallService.OutcomeResult(
            taskID: taskID, outcome: call.outcome, caseState: "open", nextTaskID: nextTask,
            nextStep: nil, nextDue: nil, replayed: false)
        switch call.transition {
        case .advance(let next, _, let due, _): (result.nextStep, result.nextDue) = (next, due)
        case .retry(let due, _, _), .callback(let due, _): (result.nextStep, result.nextDue) = (step, due)
        case .close(let state, _): result.caseState = state
        }
        return result
    }
}
