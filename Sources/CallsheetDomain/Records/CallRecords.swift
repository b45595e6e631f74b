public import Foundation

/// What a claim needs: who, the instant, the lease, the re-call guard, and the calendar
/// facts the SQL cannot know.
public struct ClaimRequest: Sendable {
    public var login: String
    public var campaignID: Int?
    public var now: Date
    public var leaseUntil: Date
    /// No call to a client any of whose numbers was last called after this (the minimum re-call gap).
    public var gapStart: Date
    /// Personal call-backs due before this are open to the whole team (escalated).
    public var escalateBefore: Date
    /// Zone of clients with none of their own.
    public var defaultZone: String
    public var globalHolidays: [String]

    public init(
        login: String, campaignID: Int?, now: Date, leaseUntil: Date, gapStart: Date, escalateBefore: Date,
        defaultZone: String, globalHolidays: [String]
    ) {
        self.login = login
        self.campaignID = campaignID
        self.now = now
        self.leaseUntil = leaseUntil
        self.gapStart = gapStart
        self.escalateBefore = escalateBefore
        self.defaultZone = defaultZone
        self.globalHolidays = globalHolidays
    }
}

/// A task as the call loop sees it.
public struct TaskRecord: Sendable, Equatable {
    public var id: Int
    public var caseID: Int
    public var campaignID: Int
    public var campaign: String
    public var clientID: Int
    public var managerID: Int
    public var step: String
    public var origin: String
    public var personal: Bool
    public var attempt: Int
    public var dueOn: LocalDate
    public var dueAt: Date?
    public var state: TaskState
    public var claimedBy: Int?
    public var claimedAt: Date?
    public var leaseUntil: Date?
    /// The wave week the case belongs to (for due rules relative to the wave).
    public var waveWeek: String?

    public init(
        id: Int, caseID: Int, campaignID: Int, campaign: String, clientID: Int, managerID: Int, step: String, origin: String, personal: Bool, attempt: Int, dueOn: LocalDate,
        dueAt: Date?, state: TaskState, claimedBy: Int?, claimedAt: Date?, leaseUntil: Date?, waveWeek: String?
    ) {
        self.id = id
        self.caseID = caseID
        self.campaignID = campaignID
        self.campaign = campaign
        self.clientID = clientID
        self.managerID = managerID
        self.step = step
        self.origin = origin
        self.personal = personal
        self.attempt = attempt
        self.dueOn = dueOn
        self.dueAt = dueAt
        self.state = state
        self.claimedBy = claimedBy
        self.claimedAt = claimedAt
        self.leaseUntil = leaseUntil
        self.waveWeek = waveWeek
    }
}

/// One finished call, as history shows it.
public struct CallRecord: Sendable, Equatable {
    public var taskID: Int
    public var campaign: String
    public var manager: String
    public var step: String
    public var outcome: String
    public var claimedAt: Date
    public var finishedAt: Date
    public var note: String?
    public var amount: String?
    public var reason: String?
    public var nextStep: String?
    public var nextDue: LocalDate?

    public init(
        taskID: Int, campaign: String, manager: String, step: String, outcome: String, claimedAt: Date, finishedAt: Date, note: String?, amount: String?, reason: String?,
        nextStep: String?, nextDue: LocalDate?
    ) {
        self.taskID = taskID
        self.campaign = campaign
        self.manager = manager
        self.step = step
        self.outcome = outcome
        self.claimedAt = claimedAt
        self.finishedAt = finishedAt
        self.note = note
        self.amount = amount
        self.reason = reason
        self.nextStep = nextStep
        self.nextDue = nextDue
    }
}

/// What `outcome` writes, decided by the services from the workflow.
public struct RecordedCall: Sendable {
    public var outcome: String
    public var note: String?
    public var amount: String?
    public var reason: String?
    public var quality: String?
    public var requestID: String?
    public var finishedAt: Date
    public var finishedOn: LocalDate
    /// The zone of clients without one of their own: the daily cap counts calls in the
    /// client's own day, as the claim checks it.
    public var clientDefaultZone: String
    public var transition: CaseTransition
    /// For an advance: the index in the workflow of the step the case moves to (the case's `furthest`).
    public var furthestStep: Int?
    /// The offer status the outcome gives (`offer:` in the workflow), if any.
    public var offer: String?
    /// For a call-back: whether the manager's team may take it as soon as it is due ("my
    /// team") instead of only once it is overdue by the escalation time ("only me").
    public var callbackForTeam = false

    /// Whether the call reached the client: every outcome but `no-answer` does.
    public var reached: Bool { outcome != "no-answer" }

    public init(
        outcome: String, note: String?, amount: String?, reason: String?, quality: String?, requestID: String?,
        finishedAt: Date, finishedOn: LocalDate, clientDefaultZone: String, transition: CaseTransition, furthestStep: Int? = nil, offer: String? = nil
    ) {
        self.outcome = outcome
        self.note = note
        self.amount = amount
        self.reason = reason
        self.quality = quality
        self.requestID = requestID
        self.finishedAt = finishedAt
        self.finishedOn = finishedOn
        self.clientDefaultZone = clientDefaultZone
        self.transition = transition
        self.furthestStep = furthestStep
        self.offer = offer
    }
}

/// One line of a manager's agenda.
public struct AgendaEntry: Sendable, Equatable {
    public var taskID: Int
    public var campaign: String
    public var clientID: Int
    public var clientName: String
    public var step: String
    public var origin: String
    public var dueOn: LocalDate
    public var dueAt: Date?
    public var manager: String

    public init(taskID: Int, campaign: String, clientID: Int, clientName: String, step: String, origin: String, dueOn: LocalDate, dueAt: Date?, manager: String) {
        self.taskID = taskID
        self.campaign = campaign
        self.clientID = clientID
        self.clientName = clientName
        self.step = step
        self.origin = origin
        self.dueOn = dueOn
        self.dueAt = dueAt
        self.manager = manager
    }
}
