/// When a step falls due, as written in a workflow file (docs/domain.md#workflows).
///
/// Four rules, each with one text form: `2 business days after previous`,
/// `monday of wave week`, `1 business day after event` (also `on event day`), and
/// `when the manager sets` (call-backs). ``WaveTimeline`` turns them into dates.
public enum DueRule: Sendable, Equatable, Codable, CustomStringConvertible {
    case afterPrevious(businessDays: Int)
    case onWaveDay(Weekday)
    case afterEvent(businessDays: Int)
    case managerSets

    /// Parses the text form; nil when it is none of the four.
    public init?(text: String) {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch words.count {
        case 3 where words[0] == "on" && words[1] == "event" && words[2] == "day":
            self = .afterEvent(businessDays: 0)
        case 4 where words[1] == "of" && words[2] == "wave" && words[3] == "week":
            guard let day = Weekday(name: words[0]), "\(day)" == words[0] else { return nil }
            self = .onWaveDay(day)
        case 4 where words[0] == "when" && words[1] == "the" && words[2] == "manager" && words[3] == "sets":
            self = .managerSets
        case 5 where words[1] == "business" && (words[2] == "days" || words[2] == "day") && words[3] == "after":
            guard let count = Int(words[0]), (0...60).contains(count) else { return nil }
            switch words[4] {
            case "previous": self = .afterPrevious(businessDays: count)
            case "event": self = .afterEvent(businessDays: count)
            default: return nil
            }
        default:
            return nil
        }
    }

    public static let forms = "\"N business days after previous\", \"WEEKDAY of wave week\", \"N business days after event\", \"on event day\" or \"when the manager sets\""

    public var description: String {
        switch self {
        case .afterPrevious(let n): "\(n) business \(n == 1 ? "day" : "days") after previous"
        case .onWaveDay(let day): "\(day) of wave week"
        case .afterEvent(0): "on event day"
        case .afterEvent(let n): "\(n) business \(n == 1 ? "day" : "days") after event"
        case .managerSets: "when the manager sets"
        }
    }
}

/// How long until a retried step falls due again: minutes of clock time (no answer: try
/// again in two hours) or business days (not paid: call again next business day).
public enum RetryDelay: Sendable, Equatable, Codable, CustomStringConvertible {
    case minutes(Int)
    case businessDays(Int)

    /// `90 minutes`, `2 hours`, `1 business day`.
    public init?(text: String) {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let count = Int(words.first ?? ""), count >= 0 else { return nil }
        switch words.dropFirst().joined(separator: " ") {
        case "minute", "minutes": self = .minutes(count)
        case "hour", "hours": self = .minutes(count * 60)
        case "business day", "business days": self = .businessDays(count)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .minutes(let m) where m % 60 == 0: "\(m / 60) \(m == 60 ? "hour" : "hours")"
        case .minutes(let m): "\(m) \(m == 1 ? "minute" : "minutes")"
        case .businessDays(let n): "\(n) business \(n == 1 ? "day" : "days")"
        }
    }
}

extension Weekday: Codable {}
