import Foundation

/// A task about to get its outcome, with the facts the workflow rules need.
public struct OutcomeContext: Sendable {
    public var task: TaskRecord
    public var managerID: Int
    public var managerTimeZone: String
    public var workflow: Workflow
    public var workingDays: Set<Weekday>
    public var holidays: Set<LocalDate>
    public var eventDay: Weekday?

    /// The campaign's working days and holidays plus `globalHolidays` (as ``CampaignRecord/calendar(globalHolidays:)``).
    public func calendar(globalHolidays: Set<LocalDate>) -> BusinessCalendar {
        .campaign(workingDays: workingDays, holidays: holidays, globalHolidays: globalHolidays)
    }

    /// The campaign's event day, else the workflow's.
    public var effectiveEventDay: Weekday? { eventDay ?? workflow.eventDay }

    public init(task: TaskRecord, managerID: Int, managerTimeZone: String, workflow: Workflow, workingDays: Set<Weekday>, holidays: Set<LocalDate>, eventDay: Weekday?) {
        self.task = task
        self.managerID = managerID
        self.managerTimeZone = managerTimeZone
        self.workflow = workflow
        self.workingDays = workingDays
        self.holidays = holidays
        self.eventDay = eventDay
    }
}
