public import Foundation

/// A calendar date with no time and no zone — "the Monday of the wave", "the due day".
///
/// Workflows reason in dates (N business days after, Friday of the wave week); mixing in
/// instants and zones there is how off-by-one-day bugs around midnight and DST are born.
/// Arithmetic is on a day number (days since 1970-01-01), so it is exact and fast.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// nil for impossible dates (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.dayNumber = era * 146_097 + doe - 719_468
    }

    /// The date `instant` falls on in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        self = CallingHours.local(instant, in: zone).0
    }

    /// The instant this day begins in `zone`.
    public func start(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let (y, m, d) = components
        return calendar.date(from: DateComponents(year: y, month: m, day: d))!
    }

    /// Parses `YYYY-MM-DD`.

    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        Weekday(rawValue: ((dayNumber + 3) % 7 + 7) % 7 + 1)!
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// ISO weekdays, Monday = 1.
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// English names or their first three letters, any case: `friday`, `Fri`.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let day = Weekday.allCases.first(where: { "\($0)" == lowered || "\($0)".prefix(3) == lowered }) else { return nil }
        self = day
    }
}

/// An ISO 8601 week, the unit of a wave: `2026-W48`.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeks(in: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// Parses `2026-W48` (also `2026W48`).
    public init?(_ text: String) {
        let upper = text.uppercased().replacingOccurrences(of: "-", with: "")
        guard upper.count == 7, let wIndex = upper.firstIndex(of: "W"), upper.distance(from: upper.startIndex, to: wIndex) == 4,
            let y = Int(upper[..<wIndex]), let w = Int(upper[upper.index(after: wIndex)...])
        else { return nil }
        self.init(year: y, week: w)
    }

    /// The week that contains `date`.
    public init(containing date: LocalDate) {
        let thursday = date.adding(days: 4 - date.weekday.rawValue)
        let year = thursday.components.year
        let firstThursday = ISOWeek.mondayOfWeekOne(year).adding(days: 3)
        self.year = year
        self.week = (thursday.dayNumber - firstThursday.dayNumber) / 7 + 1
    }

    public var monday: LocalDate { ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7) }

    public func day(_ weekday: Weekday) -> LocalDate { monday.adding(days: weekday.rawValue - 1) }

    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }

    static func mondayOfWeekOne(_ year: Int) -> LocalDate {
        let january4 = LocalDate(year: year, month: 1, day: 4)!
        return january4.adding(days: 1 - january4.weekday.rawValue)
    }

    static func weeks(in year: Int) -> Int {
        (mondayOfWeekOne(year + 1).dayNumber - mondayOfWeekOne(year).dayNumber) / 7
    }
}
