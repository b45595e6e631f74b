import CallsheetDomain
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test func roundTripsEveryDayOfFourHundredYears() {
        var date = LocalDate(year: 1900, month: 1, day: 1)!
        let end = LocalDate(year: 2300, month: 1, day: 1)!
        while date < end {
            let (y, m, d) = date.components
            #expect(LocalDate(year: y, month: m, day: d) == date)
            date = date.adding(days: 1)
        }
    }

    @Test func knownWeekdaysAndLeapYears() {
        #expect(LocalDate(iso: "2026-11-23")?.weekday == .monday)
        #expect(LocalDate(iso: "2026-11-27")?.weekday == .friday)
        #expect(LocalDate(iso: "1970-01-01")?.weekday == .thursday)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2000-02-29") != nil)
        #expect(LocalDate(iso: "2100-02-29") == nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(LocalDate(iso: "26-11-23") == nil)
        #expect(LocalDate(iso: "2026-11-23")?.description == "2026-11-23")
    }

    @Test func isoWeeks() {
        let w48 = ISOWeek("2026-W48")!
        #expect(w48.monday == LocalDate(iso: "2026-11-23"))
        #expect(w48.day(.friday) == LocalDate(iso: "2026-11-27"))
        #expect(ISOWeek(containing: LocalDate(iso: "2026-11-29")!) == w48)
        #expect(ISOWeek(containing: LocalDate(iso: "2027-01-01")!).description == "2026-W53")
        #expect(ISOWeek("2026-W53") != nil, "2026 has 53 ISO weeks")
        #expect(ISOWeek("2027-W53") == nil)
        #expect(ISOWeek("2021-W01")?.monday == LocalDate(iso: "2021-01-04"))
        #expect(ISOWeek(containing: LocalDate(iso: "2024-12-30")!).description == "2025-W01")
        #expect(ISOWeek("2026W48") == w48)
        #expect(ISOWeek("2026-48") == nil)
        #expect(Weekday(name: "Fri") == .friday)
        #expect(Weekday(name: "friday") == .friday)
        #expect(Weekday(name: "piątek") == nil)
    }
}

@Suite struct BusinessCalendarTests {
    let week = BusinessCalendar()
    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func fridayPlusOneBusinessDayIsMonday() {
        #expect(week.adding(businessDays: 1, to: d("2026-11-27")) == d("2026-11-30"))
        #expect(week.adding(businessDays: 1, to: d("2026-11-23")) == d("2026-11-24"))
        #expect(week.adding(businessDays: 5, to: d("2026-11-23")) == d("2026-11-30"))
        #expect(week.adding(businessDays: 0, to: d("2026-11-28")) == d("2026-11-30"), "a weekend date rolls forward")
        #expect(week.adding(businessDays: 1, to: d("2026-11-28")) == d("2026-11-30"), "Saturday + 1 working day is Monday, as lateness counts it")
        #expect(week.businessDays(from: d("2026-11-28"), to: d("2026-11-30")) == 1)
    }

    @Test func aHolidayOnTheDueDayMovesItToTheNextWorkingDay() {
        // 11 November (Polish Independence Day, a Wednesday in 2026).
        let poland = BusinessCalendar(holidays: [d("2026-11-11")])
        #expect(poland.adding(businessDays: 1, to: d("2026-11-10")) == d("2026-11-12"))
        #expect(poland.adding(businessDays: 2, to: d("2026-11-09")) == d("2026-11-12"))
        #expect(!poland.isBusinessDay(d("2026-11-11")))
        // Christmas: Thursday 24 is a working day, 25-26 are holidays, then a weekend.
        let christmas = BusinessCalendar(holidays: [d("2026-12-25"), d("2026-12-26")])
        #expect(christmas.adding(businessDays: 1, to: d("2026-12-24")) == d("2026-12-28"))
    }

    @Test func aSixDayWeek() {
        let saturdays = BusinessCalendar(workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
        #expect(saturdays.adding(businessDays: 1, to: d("2026-11-27")) == d("2026-11-28"))
        #expect(saturdays.adding(businessDays: 1, to: d("2026-11-28")) == d("2026-11-30"))
    }

    @Test func latenessCountsWorkingDaysAfterTheDueDate() {
        #expect(week.businessDays(from: d("2026-11-27"), to: d("2026-11-27")) == 0)
        #expect(week.businessDays(from: d("2026-11-27"), to: d("2026-11-30")) == 1, "due Friday, done Monday: one working day late")
        #expect(week.businessDays(from: d("2026-11-23"), to: d("2026-12-04")) == 9)
        #expect(week.businessDays(from: d("2026-11-30"), to: d("2026-11-27")) == -1)
    }

    @Test func addingMatchesCountingForEveryStartAndDistance() {
        let calendar = BusinessCalendar(holidays: [d("2026-11-11"), d("2026-12-25"), d("2026-12-26"), d("2027-01-01")])
        var start = d("2026-11-01")
        while start < d("2027-01-15") {
            for n in 1...12 {
                let due = calendar.adding(businessDays: n, to: start)
                #expect(calendar.isBusinessDay(due))
                #expect(calendar.businessDays(from: start, to: due) == n)
            }
            start = start.adding(days: 1)
        }
    }
}

@Suite struct CallingHoursTests {
    let warsaw = TimeZone(identifier: "Europe/Warsaw")!
    let vilnius = TimeZone(identifier: "Europe/Vilnius")!
    let week = BusinessCalendar()
    let hours = CallingHours("09:00-18:00")!

    func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func parsesAndPrints() {
        #expect(hours.description == "09:00-18:00")
        #expect(CallingHours("18:00-09:00") == nil)
        #expect(CallingHours("9-18") == nil)
        #expect(CallingHours("08:30-24:00")?.end == 1440)
    }

    @Test func theClientsZoneDecides() {
        // 07:30 UTC on a Monday in winter: 08:30 in Warsaw (closed), 09:30 in Vilnius (open).
        let now = instant("2026-11-23T07:30:00Z")
        #expect(!hours.contains(now, in: warsaw, calendar: week))
        #expect(hours.contains(now, in: vilnius, calendar: week))
        #expect(hours.nextOpening(atOrAfter: now, in: warsaw, calendar: week) == instant("2026-11-23T08:00:00Z"))
    }

    @Test func windowsKeepTheirLocalMeaningAcrossDST() {
        // Spring forward in Warsaw on Sunday 2026-03-29: Monday 09:00 is 07:00 UTC, Friday before was 08:00 UTC.
        #expect(hours.nextOpening(atOrAfter: instant("2026-03-27T17:30:00Z"), in: warsaw, calendar: week) == instant("2026-03-30T07:00:00Z"))
        #expect(hours.contains(instant("2026-03-27T08:00:00Z"), in: warsaw, calendar: week))
        #expect(!hours.contains(instant("2026-03-30T06:30:00Z"), in: warsaw, calendar: week))
        // Fall back on Sunday 2026-10-25: Monday 09:00 is 08:00 UTC again.
        #expect(hours.nextOpening(atOrAfter: instant("2026-10-23T16:30:00Z"), in: warsaw, calendar: week) == instant("2026-10-26T08:00:00Z"))
    }

    @Test func aWallClockTimeSkippedByDSTMapsForward() {
        let night = CallingHours("02:30-04:00")!
        let sevenDays = BusinessCalendar(workingDays: Set(Weekday.allCases))
        // 02:30 does not exist in Warsaw on 2026-03-29; the window opens at 03:00 local (01:00 UTC).
        let opening = night.nextOpening(atOrAfter: instant("2026-03-28T23:00:00Z"), in: warsaw, calendar: sevenDays)
        #expect(opening == instant("2026-03-29T01:00:00Z"))
    }

    @Test func weekendsAndHolidaysAreClosedAndSkipped() {
        let holidays = BusinessCalendar(holidays: [LocalDate(iso: "2026-11-30")!])
        let saturdayNoon = instant("2026-11-28T11:00:00Z")
        #expect(!hours.contains(saturdayNoon, in: warsaw, calendar: holidays))
        #expect(hours.nextOpening(atOrAfter: saturdayNoon, in: warsaw, calendar: holidays) == instant("2026-12-01T08:00:00Z"))
        let insideWindow = instant("2026-12-01T10:00:00Z")
        #expect(hours.nextOpening(atOrAfter: insideWindow, in: warsaw, calendar: holidays) == insideWindow)
    }
}
