public import Foundation

/// When a client may be called: a daily window on working days, in the client's own zone
/// (docs/domain.md#next-call). `09:00-18:00` in Warsaw is a different instant from `09:00-18:00` in Vilnius.
///
/// Evaluated on wall-clock time, so the window keeps its local meaning across DST changes
/// (09:00 stays 09:00 on the Monday after the clocks move).
public struct CallingHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after local midnight; `start < end`, both within one day.
    public let start: Int
    public let end: Int

    public init?(start: Int, end: Int) {
        guard start >= 0, end <= 24 * 60, start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `09:00-18:00`.
    public init?(_ text: String) {
        let halves = text.split(separator: "-")
        guard halves.count == 2, let s = Self.minutes(halves[0]), let e = Self.minutes(halves[1]) else { return nil }
        self.init(start: s, end: e)
    }

    public var description: String { "\(Self.clock(start))-\(Self.clock(end))" }

    /// True when `instant`, seen in `zone`, falls on a working day inside the window.
    public func contains(_ instant: Date, in zone: TimeZone, calendar businessCalendar: BusinessCalendar) -> Bool {
        let (date, minute) = Self.local(instant, in: zone)
        return businessCalendar.isBusinessDay(date) && minute >= start && minute < end
    }

    /// The first instant at or after `instant` inside the window, in `zone`.
    public func nextOpening(atOrAfter instant: Date, in zone: TimeZone, calendar businessCalendar: BusinessCalendar) -> Date {
        if contains(instant, in: zone, calendar: businessCalendar) { return instant }
        let (date, minute) = Self.local(instant, in: zone)
        var day = businessCalendar.isBusinessDay(date) && minute < start ? date : businessCalendar.businessDay(onOrAfter: date.adding(days: 1))
        while true {
            let opening = Self.instant(of: day, minute: start, in: zone)
            if opening >= instant { return opening }
            day = businessCalendar.businessDay(onOrAfter: day.adding(days: 1))
        }
    }

    static func local(_ instant: Date, in zone: TimeZone) -> (LocalDate, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (LocalDate(year: c.year!, month: c.month!, day: c.day!)!, c.hour! * 60 + c.minute!)
    }

    /// The instant of local `minute` on `date`; a wall-clock time skipped by DST maps to the
    /// first valid time after it.
    static func instant(of date: LocalDate, minute: Int, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let midnight = date.start(in: zone)
        let wanted = DateComponents(hour: minute / 60, minute: minute % 60)
        return calendar.nextDate(after: midnight.addingTimeInterval(-1), matching: wanted, matchingPolicy: .nextTime)
            ?? midnight.addingTimeInterval(TimeInterval(minute * 60))
    }

    static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
            h * 60 + m <= 24 * 60
        else { return nil }
        return h * 60 + m
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
