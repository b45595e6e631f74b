/// Seed 001's time standards: a step done (or still open) after its due day plus the
/// step's standard in business days is late, by the business days past that deadline.
public struct Lateness: Sendable, Equatable {
    /// The last day the task was on time: its due day plus the standard, in business days.
    public var deadline: LocalDate
    /// Business days after the deadline, up to the day it was done (or today). May be 0
    /// when it was done on a non-working day right after the deadline: late, but by no
    /// working day.
    public var businessDays: Int

    /// Nil when the task is on time: done (or, still open, today) no later than the deadline.
    public static func of(due: LocalDate, standardDays: Int, calendar: BusinessCalendar, doneOn: LocalDate?, today: LocalDate) -> Lateness? {
        let deadline = deadline(due: due, standardDays: standardDays, calendar: calendar)
        let end = doneOn ?? today
        guard end > deadline else { return nil }
        return Lateness(deadline: deadline, businessDays: calendar.businessDays(from: deadline, to: end))
    }

    /// The last day a task due on `due` is on time: `standardDays` business days later.
    public static func deadline(due: LocalDate, standardDays: Int, calendar: BusinessCalendar) -> LocalDate {
        calendar.adding(businessDays: max(0, standardDays), to: due)
    }
}
