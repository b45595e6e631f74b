public import Foundation

/// A campaign as stored, with its workflow snapshot decoded.
public struct CampaignRecord: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var team: String
    public var teamID: Int
    public var workflow: Workflow
    public var state: CampaignState
    public var callingHours: CallingHours
    public var eventDay: Weekday?
    /// Exact decimal text (`1500.00`), nil without a budget.
    public var budget: String?
    public var workingDays: Set<Weekday>
    public var holidays: Set<LocalDate>
    public var autoWave: Weekday?
    public var dailyCap: Int
    public var lifetimeCap: Int
    /// Audience size and open cases: 0 unless read `withCounts`.
    public var audience: Int
    public var waves: Int
    public var openCases: Int

    /// Working days and holidays of this campaign (plus `globalHolidays`).
    public func calendar(globalHolidays: Set<LocalDate> = []) -> BusinessCalendar {
        .campaign(workingDays: workingDays, holidays: holidays, globalHolidays: globalHolidays)
    }

    /// The event day in effect: the campaign's, else the workflow's.
    public var effectiveEventDay: Weekday? { eventDay ?? workflow.eventDay }

    public init(
        id: Int, name: String, team: String, teamID: Int, workflow: Workflow, state: CampaignState, callingHours: CallingHours, eventDay: Weekday?, budget: String?,
        workingDays: Set<Weekday>, holidays: Set<LocalDate>, autoWave: Weekday?, dailyCap: Int, lifetimeCap: Int, audience: Int, waves: Int, openCases: Int
    ) {
        self.id = id
        self.name = name
        self.team = team
        self.teamID = teamID
        self.workflow = workflow
        self.state = state
        self.callingHours = callingHours
        self.eventDay = eventDay
        self.budget = budget
        self.workingDays = workingDays
        self.holidays = holidays
        self.autoWave = autoWave
        self.dailyCap = dailyCap
        self.lifetimeCap = lifetimeCap
        self.audience = audience
        self.waves = waves
        self.openCases = openCases
    }
}

/// What `campaign create` stores.
public struct NewCampaign: Sendable {
    public var name: String
    public var team: String
    public var workflow: Workflow
    public var callingHours: CallingHours
    public var eventDay: Weekday?
    public var budget: String?
    public var workingDays: Set<Weekday>
    public var holidays: Set<LocalDate>

    public init(
        name: String, team: String, workflow: Workflow, callingHours: CallingHours, eventDay: Weekday?, budget: String?,
        workingDays: Set<Weekday>, holidays: Set<LocalDate>
    ) {
        self.name = name
        self.team = team
        self.workflow = workflow
        self.callingHours = callingHours
        self.eventDay = eventDay
        self.budget = budget
        self.workingDays = workingDays
        self.holidays = holidays
    }
}

/// `campaign set` changes; nil fields stay as they are.
public struct CampaignChanges: Sendable, Equatable {
    public var callingHours: CallingHours?
    public var eventDay: Weekday?
    public var budget: String?
    /// `.some(nil)` turns the automatic wave off.
    public var autoWave: Weekday??
    public var holidays: Set<LocalDate>?
    public var workingDays: Set<Weekday>?
    /// Calls per client per day / ever in this campaign.
    public var dailyCap: Int?
    public var lifetimeCap: Int?

    public init(
        callingHours: CallingHours? = nil, eventDay: Weekday? = nil, budget: String? = nil, autoWave: Weekday?? = nil,
        holidays: Set<LocalDate>? = nil, workingDays: Set<Weekday>? = nil, dailyCap: Int? = nil, lifetimeCap: Int? = nil
    ) {
        self.workingDays = workingDays
        self.dailyCap = dailyCap
        self.lifetimeCap = lifetimeCap
        self.callingHours = callingHours
        self.eventDay = eventDay
        self.budget = budget
        self.autoWave = autoWave
        self.holidays = holidays
    }

    public var isEmpty: Bool { self == CampaignChanges() }
}

/// Which clients an audience change is about.
public enum AudienceSelection: Sendable, Equatable {
    case importID(Int)
    case segment(String)
    case tag(String)
    case all
    case clients([Int])
}

/// One wave as stored.
public struct WaveRecord: Sendable, Equatable {
    public var id: Int
    public var week: String
    public var openedAt: Date
    public var openedBy: String
    public var assigned: Int
    public var skipped: Int
    public var managers: Int
    public var moved: Int

    public init(id: Int, week: String, openedAt: Date, openedBy: String, assigned: Int, skipped: Int, managers: Int, moved: Int) {
        self.id = id
        self.week = week
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.assigned = assigned
        self.skipped = skipped
        self.managers = managers
        self.moved = moved
    }
}

/// One line of a manager's list in a wave: the client, the case and its next due task.
public struct WaveListEntry: Sendable, Equatable {
    public var manager: String
    public var clientID: Int
    public var clientName: String
    public var phone: String?
    public var caseState: CaseState
    public var step: String
    public var dueOn: LocalDate?

    public init(manager: String, clientID: Int, clientName: String, phone: String?, caseState: CaseState, step: String, dueOn: LocalDate?) {
        self.manager = manager
        self.clientID = clientID
        self.clientName = clientName
        self.phone = phone
        self.caseState = caseState
        self.step = step
        self.dueOn = dueOn
    }
}
