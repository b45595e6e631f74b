/// A sales process as data (docs/domain.md#workflows): the ordered steps a case goes through, what may happen
/// at each step and where each outcome leads.
///
/// Workflows are written by administrators in files (`Config/workflows/*.yaml`) and a
/// campaign keeps a snapshot of the version it was created with, so editing a file never
/// changes a running campaign. The step and outcome names are an interface: other tools
/// script against them, so they are validated (``WorkflowRules``) and never renamed silently.
public struct Workflow: Sendable, Equatable, Codable {
    public var name: String
    public var version: Int
    public var summary: String
    /// The day of the wave week the campaign's event takes place on (a seminar), when the
    /// workflow has one; a campaign may override it.
    public var eventDay: Weekday?
    public var steps: [WorkflowStep]

    public init(name: String, version: Int, summary: String = "", eventDay: Weekday? = nil, steps: [WorkflowStep]) {
        self.name = name
        self.version = version
        self.summary = summary
        self.eventDay = eventDay
        self.steps = steps
    }

    public func step(named name: String) -> WorkflowStep? { steps.first { $0.name == name } }

    /// Where a wave starts every case.
    public var firstStep: WorkflowStep { steps[0] }

    /// Whether any due date depends on the event (then a campaign needs an event day).
    public var needsEventDay: Bool {
        steps.contains { if case .afterEvent = $0.due { true } else { false } }
    }
}

/// One step of a workflow: a call, an e-mail, a meeting or a task, when it falls due, how
/// late it may be, how often it is retried, and what may come out of it.
public struct WorkflowStep: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case call, email = "e-mail", meeting, task }

    public var name: String
    public var kind: Kind
    public var due: DueRule
    /// Business days after the due date before the step counts as late (its time standard).
    public var standardDays: Int
    /// How long after a `retry` outcome (no answer) the step falls due again.
    public var retryDelay: RetryDelay
    /// Attempts after which a retry closes the case as unreachable for this wave.
    public var maximumAttempts: Int
    /// What the manager should say or do; shown with the call.
    public var hint: String
    public var outcomes: [StepOutcome]

    public init(
        name: String, kind: Kind = .call, due: DueRule, standardDays: Int = 1, retryDelay: RetryDelay = .minutes(120),
        maximumAttempts: Int = 3, hint: String = "", outcomes: [StepOutcome]
    ) {
        self.name = name
        self.kind = kind
        self.due = due
        self.standardDays = standardDays
        self.retryDelay = retryDelay
        self.maximumAttempts = maximumAttempts
        self.hint = hint
        self.outcomes = outcomes
    }

    public func outcome(named name: String) -> StepOutcome? { outcomes.first { $0.name == name } }
}

/// One thing that can come out of a step, and what it leads to.
public struct StepOutcome: Sendable, Equatable, Codable {
    public enum Amount: String, Sendable, Codable { case none, optional, required }

    public var name: String
    public var effect: OutcomeEffect
    /// Whether the outcome carries money (`invoiced`, `paid`).
    public var amount: Amount
    /// A mark recorded with the outcome (`liked`, `disliked`), for quality reports.
    public var quality: String?
    /// For a `retry` outcome: its own delay instead of the step's (`not-paid` → next business day).
    public var retryDelay: RetryDelay?
    /// What the outcome says about the case's offer (`report offers`); nil leaves it as it was.
    public var offer: OfferStatus?

    public init(
        name: String, effect: OutcomeEffect, amount: Amount = .none, quality: String? = nil, retryDelay: RetryDelay? = nil,
        offer: OfferStatus? = nil
    ) {
        self.name = name
        self.effect = effect
        self.amount = amount
        self.quality = quality
        self.retryDelay = retryDelay
        self.offer = offer
    }
}

/// Where a case's offer stands (a sales director asks "where are our offers?"). A
/// workflow outcome sets it (`offer: sent`); the case keeps the latest one.
public enum OfferStatus: String, Sendable, Codable, CaseIterable {
    case sent, confirmed, followUp = "follow-up", renegotiated, accepted, rejected, postponed
}

/// Where an outcome leads.
public enum OutcomeEffect: Sendable, Equatable, Codable, CustomStringConvertible {
    /// On to the named step, due by that step's rule.
    case next(String)
    /// The same step again after the retry delay, up to the step's maximum attempts.
    case retry
    /// A personal call-back at the time the manager sets.
    case callback
    /// Closing states of the case.
    case won, lost, doNotCall

    /// The words a workflow file uses for the closing and repeating effects.
    public static let keywords: [String: OutcomeEffect] = [
        "retry": .retry, "callback": .callback, "won": .won, "lost": .lost, "do-not-call": .doNotCall,
    ]

    public var description: String {
        switch self {
        case .next(let step): step
        case .retry: "retry"
        case .callback: "callback"
        case .won: "won"
        case .lost: "lost"
        case .doNotCall: "do-not-call"
        }
    }
}
