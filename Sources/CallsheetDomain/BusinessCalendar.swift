/// Which days count as working days for due dates and lateness (docs/domain.md#workflows; a time standard reads "standard:
/// n working days").
///
/// A campaign has one, built from the organisation's working week and its public holidays
/// (global and per campaign). Rules, pinned by tests: adding N business days counts N
/// working days *after* the date (Friday + 1 = Monday); a date that is not a working day
/// rolls forward to the next one; lateness counts working days strictly after the due
/// date up to and including the day it was done.
public struct BusinessCalendar: Sendable, Equatable {
    public var workingDays: Set<Weekday>
    public var holidays: Set<LocalDate>

    /// Monday to Friday, no holidays.
    public init(workingDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday], holidays: Set<LocalDate> = []) {
        precondition(!workingDays.isEmpty, "a calendar needs at least one working day")
        self.workingDays = workingDays
        self.holidays = holidays
    }

    /// A campaign's calendar: its working days (none stored means Monday to Friday) and its
    /// holidays plus the global ones.
    public static func campaign(workingDays: Set<Weekday>, holidays: Set<LocalDate>, globalHolidays: Set<LocalDate>) -> BusinessCalendar {
        BusinessCalendar(workingDays: workingDays.isEmpty ? BusinessCalendar().workingDays : workingDays, holidays: holidays.union(globalHolidays))
    }

    public func isBusinessDay(_ date: LocalDate) -> Bool {
        workingDays.contains(date.weekday) && !holidays.contains(date)
    }

    /// `date` itself when it is a working day, else the next working day.
    public func businessDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The working day `count` working days after `date` (count 0: `businessDay(onOrAfter:)`).
    public func adding(businessDays count: Int, to date: LocalDate) -> LocalDate {
        precondition(count >= 0, "business days are only added forwards")
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isBusinessDay(day) { left -= 1 }
        }
        return businessDay(onOrAfter: day)
    }

    /// Working days in (`from`, `to`]: how late something done on `to` is when due on `from`.
    /// Zero or negative means on time; negative counts how early.
    public func businessDays(from: LocalDate, to: LocalDate) -> Int {
        if to < from { return -businessDays(from: to, to: from) }
        var count = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if isBusinessDay(day) { count += 1 }
        }
        return count
    }
}
