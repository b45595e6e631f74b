public import Foundation

/// What recording an outcome does to a case (docs/domain.md#outcomes): the pure decision, made before any SQL.
///
/// The store then writes exactly this in one transaction: the call into history, the
/// case's new step or closing state, and the next due task.
public enum CaseTransition: Sendable, Equatable {
    /// On to `step`, due on `dueOn` (or at `dueAt`, for a step whose time the manager sets).
    case advance(step: String, kind: WorkflowStep.Kind, dueOn: LocalDate, dueAt: Date?)
    /// The same step again, attempt `attempt`.
    case retry(dueOn: LocalDate, dueAt: Date?, attempt: Int)
    /// A personal call-back for the manager who recorded it.
    case callback(dueOn: LocalDate, dueAt: Date)
    /// The case ends: `won`, `lost`, `do-not-call`, or `unreachable` after the last attempt.
    case close(state: String, reason: String?)
}

/// A problem with what the manager typed, with the message they see.
public struct OutcomeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The workflow's rules applied to one recorded outcome.
public struct OutcomeRules: Sendable {
    public var workflow: Workflow
    public var timeline: WaveTimeline

    public init(workflow: Workflow, timeline: WaveTimeline) {
        self.workflow = workflow
        self.timeline = timeline
    }

    /// - Parameters:
    ///   - stepName: the step the task was for; `attempt` its attempt number (1 = first call).
    ///   - doneAt / doneOn: when it was recorded, and that day in the campaign's calendar.
    ///   - at: the time the manager gave (`--at`) and its date in the manager's zone,
    ///     required for call-backs and for a next step due "when the manager sets".
    public func transition(
        step stepName: String, outcome outcomeName: String, attempt: Int, amount: String?, reason: String?,
        doneAt: Date, doneOn: LocalDate, at: (instant: Date, day: LocalDate)?
    ) throws(OutcomeProblem) -> CaseTransition {
        guard let step = workflow.step(named: stepName) else {
            throw OutcomeProblem("step '\(stepName)' is not in workflow '\(workflow.name)' v\(workflow.version)")
        }
        guard let outcome = step.outcome(named: outcomeName) else {
            throw OutcomeProblem("'\(outcomeName)' is not an outcome of step '\(step.name)' (allowed: \(step.outcomes.map(\.name).joined(separator: ", ")))")
        }
        switch (outcome.amount, amount) {
        case (.required, nil): throw OutcomeProblem("'\(outcome.name)' needs --amount (for example --amount 1500.00)")
        case (.none, .some): throw OutcomeProblem("'\(outcome.name)' does not take an amount")
        default: break
        }
        if let at, at.instant < doneAt.addingTimeInterval(-60) {
            throw OutcomeProblem("--at is in the past")
        }
        switch outcome.effect {
        case .next(let name):
            let next = workflow.step(named: name)!
            if next.due == .managerSets {
                guard let at else { throw OutcomeProblem("'\(outcome.name)' leads to '\(next.name)', whose time you set: give --at TIME") }
                return .advance(step: next.name, kind: next.kind, dueOn: max(doneOn, at.day), dueAt: at.instant)
            }
            let due = timeline.dueDate(next.due, previousDone: doneOn) ?? doneOn
            return .advance(step: next.name, kind: next.kind, dueOn: due, dueAt: nil)
        case .retry:
            guard attempt < step.maximumAttempts else { return .close(state: "unreachable", reason: "no answer after \(attempt) attempts") }
            switch outcome.retryDelay ?? step.retryDelay {
            case .minutes(let minutes):
                return .retry(dueOn: doneOn, dueAt: doneAt.addingTimeInterval(Double(minutes) * 60), attempt: attempt + 1)
            case .businessDays(let days):
                return .retry(dueOn: timeline.calendar.adding(businessDays: days, to: doneOn), dueAt: nil, attempt: attempt + 1)
            }
        case .callback:
            guard let at else { throw OutcomeProblem("a call-back needs --at TIME (for example --at 14:30 or --at \"2026-11-24 10:00\")") }
            return .callback(dueOn: max(doneOn, at.day), dueAt: at.instant)
        case .won:
            return .close(state: "won", reason: outcome.quality)
        case .lost:
            return .close(state: "lost", reason: reason ?? outcome.name)
        case .doNotCall:
            return .close(state: "do-not-call", reason: reason ?? outcome.name)
        }
    }
}
