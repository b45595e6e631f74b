public import Foundation

/// The one rule for every time zone Callsheet takes in (clients, managers, the calendar).
///
/// Why so strict: a client's local time is computed twice — in Swift by Foundation and in the
/// claim by PostgreSQL's `AT TIME ZONE` — and the two disagree on anything but tz-database
/// place names. PostgreSQL rejects `GMT+0300` outright (one such row stopped every claim)
/// and reads a POSIX offset with the opposite sign (`UTC+3` is three hours *west* of UTC
/// there, so a Moscow client's 09:00 opened at 15:00 Moscow time). Offsets and abbreviations
/// also know nothing of daylight saving. So a zone is accepted only as the IANA name of a
/// place, `Area/Location` in one of the tz database's geographic areas (`Europe/Moscow`,
/// `America/Argentina/Buenos_Aires`), or `UTC`; anything else is refused with the place name
/// to write instead. Nothing is mapped silently: an offset names many places with different
/// summer times, and only the person who typed it knows which one was meant.
public enum TimeZoneRule {
    /// The tz database's geographic areas; `Etc/`, `US/`, `SystemV/`… are legacy or fixed offsets.
    static let areas: Set<Substring> = ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]

    /// The zones that are not places but are still exact and harmless.
    static let universal: Set<String> = ["UTC", "Etc/UTC"]

    /// Places offered when a zone is refused, one or two per offset people use.
    static let suggestions = [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
        "America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/Azores", "Europe/London",
        "Europe/Lisbon", "Europe/Warsaw", "Europe/Berlin", "Europe/Paris", "Europe/Kyiv", "Europe/Vilnius",
        "Europe/Bucharest", "Europe/Moscow", "Europe/Istanbul", "Europe/Minsk", "Europe/Samara", "Asia/Dubai",
        "Asia/Tehran", "Asia/Kabul", "Asia/Yekaterinburg", "Asia/Karachi", "Asia/Tashkent", "Asia/Kolkata",
        "Asia/Kathmandu", "Asia/Almaty", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Bangkok", "Asia/Krasnoyarsk",
        "Asia/Shanghai", "Asia/Irkutsk", "Asia/Tokyo", "Asia/Yakutsk", "Australia/Adelaide", "Asia/Vladivostok",
        "Australia/Sydney", "Asia/Magadan", "Asia/Kamchatka", "Pacific/Auckland", "Pacific/Tongatapu", "Pacific/Kiritimati",
    ]

    /// Abbreviations sheets carry, with the place they usually mean.
    static let abbreviations: [String: String] = [
        "MSK": "Europe/Moscow", "MSD": "Europe/Moscow", "CET": "Europe/Berlin", "CEST": "Europe/Berlin",
        "MET": "Europe/Berlin", "MEST": "Europe/Berlin", "EET": "Europe/Kyiv", "EEST": "Europe/Kyiv",
        "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon", "BST": "Europe/London", "GMT": "UTC",
        "EST": "America/New_York", "EDT": "America/New_York", "CST": "America/Chicago", "CDT": "America/Chicago",
        "MST": "America/Denver", "MDT": "America/Denver", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
        "EST5EDT": "America/New_York", "CST6CDT": "America/Chicago", "MST7MDT": "America/Denver",
        "PST8PDT": "America/Los_Angeles", "HST": "Pacific/Honolulu", "AKST": "America/Anchorage",
        "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "AEST": "Australia/Sydney",
        "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland", "SAMT": "Europe/Samara",
        "YEKT": "Asia/Yekaterinburg", "UT": "UTC", "Z": "UTC", "ZULU": "UTC", "UCT": "UTC", "UNIVERSAL": "UTC",
    ]

    /// Why `name` is not accepted as a time zone, with the name to write instead; nil when it is.
    /// `now` only picks the offsets shown in suggestions (summer or winter).
    public static func problem(with name: String, now: Date = Date()) -> String? {
        if isAccepted(name) { return nil }
        let quoted = "time zone \"\(name)\""
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let offset = fixedOffset(in: trimmed) {
            let places = places(atOffsetSeconds: offset.seconds, now: now)
            let instead = places.isEmpty ? "the IANA name of the place (Area/City)" : "the IANA name of the place, e.g. " + places.joined(separator: " or ")
            if offset.isPOSIXRule { return "\(quoted) is \(offset.meaning), not a place; write \(instead)" }
            return "\(quoted) is a fixed offset (\(offset.meaning)), which has no summer time and which PostgreSQL reads with the opposite sign; write \(instead)"
        }
        if let place = abbreviations[trimmed.uppercased()] {
            return "\(quoted) is an abbreviation, not a place; write the IANA name of the place, e.g. \(place)"
        }
        if let place = knownPlace(spelledLike: trimmed) {
            return "\(quoted) is not written as the time zone database writes it; write \(place)"
        }
        if let place = linkTarget(of: trimmed, now: now) {
            return "\(quoted) is a legacy alias, not a place; write the IANA name of the place, e.g. \(place)"
        }
        return "\(quoted) is not an IANA time zone name such as Europe/Warsaw or America/New_York (Area/City)"
    }

    /// `Area/Location` in a geographic area, or `UTC`, and known to Foundation's tz database
    /// (which knows current names such as `Asia/Kolkata` beside the ones it lists).
    public static func isAccepted(_ name: String) -> Bool {
        if universal.contains(name) { return true }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, areas.contains(parts[0]),
            parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isLocationScalar) })
        else { return false }
        return TimeZone(identifier: name) != nil
    }

    private static let known: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    private static func isLocationScalar(_ s: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(s) || ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-"
    }

    /// An offset as people mean it (east positive) and how to say it.
    struct FixedOffset: Equatable {
        var seconds: Int
        var meaning: String
        /// `EST5EDT`, `MSK-3`: letters, then hours west of UTC.
        var isPOSIXRule = false
    }

    /// Reads `+3`, `+03:00`, `UTC+3`, `GMT+0300`, `UTC-05:30`, `Etc/GMT-3` and POSIX rules
    /// such as `MSK-3` or `EST5EDT`. nil when `text` is not an offset of any of these kinds.
    static func fixedOffset(in text: String) -> FixedOffset? {
        let upper = text.uppercased()
        // IANA's Etc zones follow POSIX: Etc/GMT-3 is three hours east.
        if upper.hasPrefix("ETC/GMT") || upper.hasPrefix("ETC/UTC") {
            guard let (sign, seconds) = signedOffset(upper.dropFirst(7)) else { return nil }
            return FixedOffset(seconds: -sign * seconds, meaning: describe(-sign * seconds))
        }
        for prefix in ["UTC", "GMT", "UT", ""] where upper.hasPrefix(prefix) {
            let rest = upper.dropFirst(prefix.count)
            if let (sign, seconds) = signedOffset(rest) {
                return FixedOffset(seconds: sign * seconds, meaning: describe(sign * seconds))
            }
        }
        // POSIX TZ rule: letters, then hours WEST of UTC (`EST5EDT`, `MSK-3`).
        let letters = upper.prefix { $0.isASCII && $0.isLetter }
        guard letters.count >= 3 else { return nil }
        let afterLetters = upper.dropFirst(letters.count)
        let digits = afterLetters.prefix { $0 == "+" || $0 == "-" || $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let west = Int(digits.hasPrefix("+") ? String(digits.dropFirst()) : String(digits)), abs(west) <= 14 else { return nil }
        let seconds = -west * 3600
        return FixedOffset(seconds: seconds, meaning: "a POSIX rule (\(describe(seconds)) outside summer time)", isPOSIXRule: true)
    }

    /// `+3`, `-05:30`, `+0300`: sign and seconds; nil unless the whole text is such an offset.
    private static func signedOffset(_ text: Substring) -> (Int, Int)? {
        guard let first = text.first, first == "+" || first == "-" else { return nil }
        let sign = first == "+" ? 1 : -1
        let body = text.dropFirst()
        let digits = body.filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), body.filter({ $0 == ":" }).count <= 1 else { return nil }
        var hours = 0, minutes = 0
        if let colon = body.firstIndex(of: ":") {
            guard let h = Int(body[..<colon]), let m = Int(body[body.index(after: colon)...]) else { return nil }
            hours = h; minutes = m
        } else if digits.count <= 2 {
            hours = Int(digits) ?? 99
        } else if digits.count == 4 {
            hours = Int(digits.prefix(2)) ?? 99
            minutes = Int(digits.suffix(2)) ?? 99
        } else {
            return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign, hours * 3600 + minutes * 60)
    }

    /// `UTC+03:00`.
    static func describe(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let minutes = (magnitude % 3600) / 60
        return "UTC\(sign)\(magnitude / 3600 < 10 ? "0" : "")\(magnitude / 3600):\(minutes < 10 ? "0" : "")\(minutes)"
    }

    /// Suggested places whose offset at `now` is `seconds`, at most two.
    static func places(atOffsetSeconds seconds: Int, now: Date) -> [String] {
        Array(suggestions.filter { TimeZone(identifier: $0)?.secondsFromGMT(for: now) == seconds }.prefix(2))
    }

    /// The known place `text` names with other case, spaces or without its area (`moscow`, `Europe/moscow`).
    static func knownPlace(spelledLike text: String) -> String? {
        let wanted = text.replacingOccurrences(of: " ", with: "_").lowercased()
        guard !wanted.isEmpty else { return nil }
        let places = known.union(suggestions).filter { isAccepted($0) }.sorted()
        if let exact = places.first(where: { $0.lowercased() == wanted }) { return exact }
        return places.first { $0.lowercased().hasSuffix("/" + wanted) }
    }

    /// For a name Foundation knows that is not a place (`US/Eastern`, `Europe/Kiev` links are
    /// places): a suggested place with the same offset now.
    static func linkTarget(of text: String, now: Date) -> String? {
        guard let zone = TimeZone(identifier: text) else { return nil }
        return places(atOffsetSeconds: zone.secondsFromGMT(for: now), now: now).first
    }
}
