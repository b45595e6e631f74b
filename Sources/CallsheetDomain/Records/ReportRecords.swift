public import Foundation

/// One client on a manager's weekly list, as the seed-004 spreadsheet keeps it.
public struct SheetRow: Sendable, Equatable {
    public var manager: String
    public var clientID: Int
    public var name: String
    public var contact: String?
    public var phone: String?
    public var email: String?
    public var segment: String
    public var step: String
    public var state: CaseState
    public var offer: String?
    public var calls: Int
    public var firstCalledAt: Date?
    public var lastCallAt: Date?
    public var lastOutcome: String?
    /// Money recorded on the case, in order: `invoiced 1500.00; paid 1500.00`.
    public var amounts: String?
    public var nextDueOn: LocalDate?
    public var nextDueAt: Date?

    public init(
        manager: String, clientID: Int, name: String, contact: String?, phone: String?, email: String?, segment: String, step: String, state: CaseState, offer: String?, calls: Int,
        firstCalledAt: Date?, lastCallAt: Date?, lastOutcome: String?, amounts: String?, nextDueOn: LocalDate?, nextDueAt: Date?
    ) {
        self.manager = manager
        self.clientID = clientID
        self.name = name
        self.contact = contact
        self.phone = phone
        self.email = email
        self.segment = segment
        self.step = step
        self.state = state
        self.offer = offer
        self.calls = calls
        self.firstCalledAt = firstCalledAt
        self.lastCallAt = lastCallAt
        self.lastOutcome = lastOutcome
        self.amounts = amounts
        self.nextDueOn = nextDueOn
        self.nextDueAt = nextDueAt
    }
}

/// The cases a case-level report counts: the cases of the waves of `weeks` (a wave's
/// cohort), narrowed by campaign, team, manager, client segment and tag.
public struct CaseScope: Sendable, Equatable {
    public var campaignID: Int?
    /// ISO weeks (`2026-W48`).
    public var weeks: [String]
    public var team: String?
    public var manager: String?
    /// `individual`, `company`, `vip`, `foreign`.
    public var segment: String?
    public var tag: String?

    public init(campaignID: Int?, weeks: [String], team: String?, manager: String?, segment: String?, tag: String?) {
        self.campaignID = campaignID
        self.weeks = weeks
        self.team = team
        self.manager = manager
        self.segment = segment
        self.tag = tag
    }
}

/// What `report funnel --by` breaks the cases down by.
public enum FunnelGrouping: String, Sendable, CaseIterable {
    case none, manager, week, segment
}

/// One offer status count (`report offers`).
public struct OfferTally: Sendable, Equatable {
    public var status: String
    /// For rejected offers: why.
    public var reason: String?
    public var cases: Int

    public init(status: String, reason: String?, cases: Int) {
        self.status = status
        self.reason = reason
        self.cases = cases
    }
}

/// A late task (`report late`): done after its deadline, or still open past it.
public struct LateCandidate: Sendable, Equatable {
    public var taskID: Int
    public var manager: String
    public var campaignID: Int
    public var campaign: String
    public var client: String
    public var step: String
    public var dueOn: LocalDate
    public var closedAt: Date?
    /// `closedAt`'s day in the calendar zone.
    public var closedOn: LocalDate?

    public init(taskID: Int, manager: String, campaignID: Int, campaign: String, client: String, step: String, dueOn: LocalDate, closedAt: Date?, closedOn: LocalDate?) {
        self.taskID = taskID
        self.manager = manager
        self.campaignID = campaignID
        self.campaign = campaign
        self.client = client
        self.step = step
        self.dueOn = dueOn
        self.closedAt = closedAt
        self.closedOn = closedOn
    }
}

/// The last on-time day of tasks of one campaign's step due on one day (`Lateness`):
/// what the late count compares the day a task was done (or today) with.
public struct StepDeadline: Sendable, Equatable {
    public var campaignID: Int
    public var step: String
    public var dueOn: LocalDate
    public var deadline: LocalDate

    public init(campaignID: Int, step: String, dueOn: LocalDate, deadline: LocalDate) {
        self.campaignID = campaignID
        self.step = step
        self.dueOn = dueOn
        self.deadline = deadline
    }
}

/// A client nobody has called (`report untouched`).
public struct UntouchedClient: Sendable, Equatable {
    public var clientID: Int
    public var name: String
    public var segment: String
    /// The manager of the client's latest case, nil when never assigned.
    public var manager: String?
    public var assignedAt: Date?

    public init(clientID: Int, name: String, segment: String, manager: String?, assignedAt: Date?) {
        self.clientID = clientID
        self.name = name
        self.segment = segment
        self.manager = manager
        self.assignedAt = assignedAt
    }
}

/// An important client without a recent call (`report neglected`).
public struct NeglectedClient: Sendable, Equatable {
    public var clientID: Int
    public var name: String
    public var segment: String
    public var importance: Int
    public var lastCallAt: Date?
    /// Who made the last call.
    public var lastCaller: String?
    /// The manager of the client's latest case.
    public var owner: String?

    public init(clientID: Int, name: String, segment: String, importance: Int, lastCallAt: Date?, lastCaller: String?, owner: String?) {
        self.clientID = clientID
        self.name = name
        self.segment = segment
        self.importance = importance
        self.lastCallAt = lastCallAt
        self.lastCaller = lastCaller
        self.owner = owner
    }
}

/// What `report rebuild` found: every count is of things the outcomes had maintained
/// differently from the history (all 0 proves them right); they are corrected now.
public struct RollupRebuild: Sendable, Equatable {
    /// Rollup rows now, and how many differed.
    public var rows: Int
    public var differing: Int
    /// Cases whose first call / first reach differed.
    public var casesDiffering: Int
    /// List sizes (`wave_list` rows) that differed from the cases.
    public var listsDiffering: Int
    /// Done tasks whose day (`closed_on`) differed — after a change of calendar zone.
    public var tasksDiffering: Int

    public var matched: Bool { differing == 0 && casesDiffering == 0 && listsDiffering == 0 && tasksDiffering == 0 }

    public init(rows: Int, differing: Int, casesDiffering: Int, listsDiffering: Int, tasksDiffering: Int) {
        self.rows = rows
        self.differing = differing
        self.casesDiffering = casesDiffering
        self.listsDiffering = listsDiffering
        self.tasksDiffering = tasksDiffering
    }
}
