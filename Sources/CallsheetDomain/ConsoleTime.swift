public import Foundation

/// Times typed on the console (`--at`), read in the manager's time zone: `14:30` (today,
/// or tomorrow if already past), `2026-11-24 10:00` or `2026-11-24T10:00`, an explicit
/// offset `2026-11-24T10:00+02:00` / `…Z`, or relative `+90m`, `+2h`, `+1d`.
public enum ConsoleTime {
    public static let forms = "HH:MM, YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM[+HH:MM|Z] or +90m / +2h / +1d"

    public static func parse(_ text: String, now: Date, zone: TimeZone) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("+"), let unit = t.last, let n = Int(t.dropFirst().dropLast()), n >= 0 {
            switch unit {
            case "m": return now.addingTimeInterval(Double(n) * 60)
            case "h": return now.addingTimeInterval(Double(n) * 3600)
            case "d": return now.addingTimeInterval(Double(n) * 86_400)
            default: return nil
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        if let minute = clockMinute(t) {
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            guard let date = calendar.date(from: DateComponents(year: today.year, month: today.month, day: today.day, hour: minute / 60, minute: minute % 60)) else { return nil }
            return date < now.addingTimeInterval(-60) ? calendar.date(byAdding: .day, value: 1, to: date) : date
        }
        let normalised = t.replacingOccurrences(of: " ", with: "T")
        let parts = normalised.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let day = LocalDate(iso: parts[0]) else { return nil }
        var clock = parts[1]
        var offset: TimeZone?
        if clock.hasSuffix("Z") {
            offset = TimeZone(identifier: "UTC")
            clock.removeLast()
        } else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let o = clock[sign...]
            guard let minutes = clockMinute(String(o.dropFirst())) else { return nil }
            offset = TimeZone(secondsFromGMT: (o.first == "-" ? -1 : 1) * minutes * 60)
            clock = String(clock[..<sign])
        }
        guard let minute = clockMinute(clock) else { return nil }
        calendar.timeZone = offset ?? zone
        let (y, m, d) = day.components
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: minute / 60, minute: minute % 60))
    }

    /// `HH:MM` → minutes after midnight.
    static func clockMinute(_ text: String) -> Int? {
        let hm = text.split(separator: ":")
        guard hm.count == 2, hm[0].count <= 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }
}
