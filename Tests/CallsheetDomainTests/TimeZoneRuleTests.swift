import Foundation
import Testing

@testable import CallsheetDomain

/// The time-zone table: every form a sheet or a person sends, accepted or refused, and
/// the place name each refusal suggests.
@Suite struct TimeZoneRuleTests {
    /// 2026-01-15 12:00 UTC: winter in the north, so the offsets below are standard time.
    static let winter = Date(timeIntervalSince1970: 1_768_478_400)

    @Test(arguments: [
        "Europe/Warsaw", "Europe/Moscow", "America/New_York", "America/Argentina/Buenos_Aires",
        "America/Port-au-Prince", "Asia/Kolkata", "Australia/Sydney", "Pacific/Auckland", "UTC", "Etc/UTC",
        "Europe/Kyiv", "Europe/Kiev",
    ])
    func placeNamesAreAccepted(name: String) {
        #expect(TimeZoneRule.problem(with: name) == nil)
        #expect(DirectoryRules.validTimeZone(name) == nil)
    }

    /// (text, words the refusal must contain).
    @Test(arguments: [
        ("UTC+3", ["fixed offset", "UTC+03:00", "Europe/Moscow", "opposite sign"]),
        ("GMT+0300", ["fixed offset", "UTC+03:00", "Europe/Moscow"]),
        ("GMT+03:00", ["fixed offset", "UTC+03:00", "Europe/Moscow"]),
        ("+03:00", ["fixed offset", "UTC+03:00"]),
        ("+3", ["fixed offset", "UTC+03:00"]),
        ("UTC-5", ["fixed offset", "UTC-05:00", "America/New_York"]),
        ("GMT-0530", ["fixed offset", "UTC-05:30"]),
        ("UTC+05:30", ["fixed offset", "UTC+05:30", "Asia/Kolkata"]),
        ("Etc/GMT-3", ["fixed offset", "UTC+03:00", "Europe/Moscow"]),
        ("Etc/GMT+5", ["fixed offset", "UTC-05:00", "America/New_York"]),
        ("EST5EDT", ["POSIX rule", "UTC-05:00", "America/New_York"]),
        ("MSK-3", ["POSIX rule", "UTC+03:00", "Europe/Moscow"]),
        ("PST8PDT", ["POSIX rule", "UTC-08:00", "America/Los_Angeles"]),
        ("MSK", ["abbreviation", "Europe/Moscow"]),
        ("CET", ["abbreviation", "Europe/Berlin"]),
        ("EST", ["abbreviation", "America/New_York"]),
        ("GMT", ["abbreviation", "UTC"]),
        ("europe/moscow", ["write Europe/Moscow"]),
        ("Moscow", ["write Europe/Moscow"]),
        ("new york", ["write America/New_York"]),
        ("US/Eastern", ["legacy alias", "America/New_York"]),
        ("Mars/Olympus_Mons", ["not an IANA time zone name", "Europe/Warsaw"]),
        ("", ["not an IANA time zone name"]),
        ("Europe/Warsaw ", ["write Europe/Warsaw"]),
        ("Europe/../etc/passwd", ["not an IANA time zone name"]),
    ])
    func otherFormsAreRefusedWithThePlaceToWrite(text: String, words: [String]) throws {
        let problem = try #require(TimeZoneRule.problem(with: text, now: Self.winter))
        #expect(problem.hasPrefix("time zone \"\(text)\""), "\(problem)")
        for word in words {
            #expect(problem.contains(word), "\(text): \(problem) lacks \(word)")
        }
    }

    @Test func offsetsAreReadAsPeopleMeanThem() {
        #expect(TimeZoneRule.fixedOffset(in: "UTC+3")?.seconds == 3 * 3600)
        #expect(TimeZoneRule.fixedOffset(in: "GMT-0530")?.seconds == -(5 * 3600 + 1800))
        // POSIX and Etc/ count hours west of UTC.
        #expect(TimeZoneRule.fixedOffset(in: "Etc/GMT+3")?.seconds == -3 * 3600)
        #expect(TimeZoneRule.fixedOffset(in: "EST5EDT")?.seconds == -5 * 3600)
        #expect(TimeZoneRule.fixedOffset(in: "UTC+15") == nil)
        #expect(TimeZoneRule.fixedOffset(in: "Europe/Warsaw") == nil)
    }

    /// Every place the rule accepts is a zone Foundation can compute with, and every suggestion is accepted.
    @Test func everyAcceptedNameAndSuggestionWorks() {
        let accepted = TimeZone.knownTimeZoneIdentifiers.filter(TimeZoneRule.isAccepted)
        #expect(accepted.count > 300)
        for name in accepted { #expect(TimeZone(identifier: name) != nil, "\(name)") }
        for name in TimeZoneRule.suggestions + Array(TimeZoneRule.abbreviations.values) {
            #expect(TimeZoneRule.isAccepted(name), "\(name) is suggested but refused")
        }
        for country in CallingCountry.all { #expect(TimeZoneRule.isAccepted(country.timeZone), "\(country.code)") }
    }
}
