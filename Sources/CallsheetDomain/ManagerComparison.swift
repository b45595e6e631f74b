/// `report managers` (docs/domain.md#reports): managers side by side from the call rollup, so an
/// administrator sees who calls, who reaches, who converts and who brings money — the
/// comparison the seed-004 "Totals" sheet is kept for.
///
/// Pure arithmetic over tallies (no I/O): the store sums `call_rollup` per manager, step
/// and outcome; the service resolves each outcome's effect from the campaign's workflow.
/// Money is exact (cents). A call "reaches" the client unless its outcome is `no-answer`
/// (the name every shipped workflow uses for it); it "advances" when its effect moves the
/// case to a next step.
public enum ManagerComparison {
    /// Calls of one manager at one step with one outcome, summed over the report's scope.
    public struct Tally: Sendable, Equatable {
        public var manager: String
        public var step: String
        public var outcome: String
        /// The outcome's effect in its campaign's workflow; nil when the workflow no longer knows it.
        public var effect: OutcomeEffect?
        public var calls: Int
        public var amountCents: Int64
        public var handlingSeconds: Double

        public init(manager: String, step: String, outcome: String, effect: OutcomeEffect?, calls: Int, amountCents: Int64, handlingSeconds: Double) {
            self.manager = manager
            self.step = step
            self.outcome = outcome
            self.effect = effect
            self.calls = calls
            self.amountCents = amountCents
            self.handlingSeconds = handlingSeconds
        }
    }

    /// One manager's row.
    public struct Figures: Sendable, Equatable {
        public var manager: String
        public var team: String
        /// Cases on the manager's lists in scope.
        public var listSize: Int
        public var calls = 0
        public var reached = 0
        public var advanced = 0
        public var won = 0
        public var lost = 0
        public var doNotCall = 0
        /// Money per outcome that carries an amount (`invoiced`, `paid`), in cents.
        public var amounts: [String: Int64] = [:]
        public var handlingSeconds = 0.0
        /// Tasks due in scope that are past their step's time standard (`Lateness`): done
        /// after it, or still open after it.
        public var late = 0

        public init(manager: String, team: String, listSize: Int) {
            self.manager = manager
            self.team = team
            self.listSize = listSize
        }

        /// Reached calls per call; nil without calls.
        public var reachRate: Double? { calls == 0 ? nil : Double(reached) / Double(calls) }
        /// Mean seconds from claim to outcome; nil without calls.
        public var averageHandling: Double? { calls == 0 ? nil : handlingSeconds / Double(calls) }

        /// The value `report managers --by COLUMN` ranks on (higher is better, except handling time).
        public func value(of column: RankColumn) -> Double {
            switch column {
            case .list: Double(listSize)
            case .calls: Double(calls)
            case .reached: Double(reached)
            case .reach: reachRate ?? 0
            case .advanced: Double(advanced)
            case .won: Double(won)
            case .lost: Double(lost)
            case .handling: averageHandling ?? 0
            case .late: Double(late)
            case .amount(let outcome): Double(amounts[outcome] ?? 0) / 100
            }
        }
    }

    /// What a ranking can be by.
    public enum RankColumn: Sendable, Equatable, CustomStringConvertible {
        case list, calls, reached, reach, advanced, won, lost, handling, late
        /// Money recorded with this outcome (`paid`).
        case amount(String)

        /// Every column but the amounts, in the order messages list them.
        public static let figures: [RankColumn] = [.list, .calls, .reached, .reach, .advanced, .won, .lost, .handling, .late]

        /// A figure's name, or else any word as an amount outcome (`paid`): whether a
        /// workflow records money with it is for the caller, who knows the workflows.
        public init?(_ text: String) {
            if let figure = Self.figures.first(where: { $0.description == text }) {
                self = figure
            } else {
                guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
                self = .amount(text)
            }
        }

        public var description: String {
            switch self {
            case .list: "list"
            case .calls: "calls"
            case .reached: "reached"
            case .reach: "reach"
            case .advanced: "advanced"
            case .won: "won"
            case .lost: "lost"
            case .handling: "handling"
            case .late: "late"
            case .amount(let outcome): outcome
            }
        }

        /// Handling time and late tasks are better when lower; every other column when higher.
        public var lowerIsBetter: Bool { self == .handling || self == .late }
    }

    /// One row per manager in `managers` (login → team and list size), with every tally of
    /// theirs added up; tallies of managers not in `managers` are ignored.
    public static func figures(_ tallies: [Tally], managers: [String: (team: String, listSize: Int)]) -> [Figures] {
        var rows = Dictionary(
            uniqueKeysWithValues: managers.map { login, info in
                (login, Figures(manager: login, team: info.team, listSize: info.listSize))
            })
        for tally in tallies {
            guard var row = rows[tally.manager] else { continue }
            row.calls += tally.calls
            if tally.outcome != "no-answer" { row.reached += tally.calls }
            switch tally.effect {
            case .next: row.advanced += tally.calls
            case .won: row.won += tally.calls
            case .lost: row.lost += tally.calls
            case .doNotCall: row.doNotCall += tally.calls
            case .retry, .callback, nil: break
            }
            if tally.amountCents != 0 { row.amounts[tally.outcome, default: 0] += tally.amountCents }
            row.handlingSeconds += tally.handlingSeconds
            rows[tally.manager] = row
        }
        return Array(rows.values)
    }

    /// Best first by `column` (ties by login, so the order is stable).
    /// Each row's value is worked out once, and indices are sorted, not the rows (a
    /// thousand managers' rows are large values to move around).
    public static func ranked(_ rows: [Figures], by column: RankColumn) -> [Figures] {
        let values = rows.map { $0.value(of: column) }
        let order = rows.indices.sorted { a, b in
            let (x, y) = (values[a], values[b])
            if x != y { return column.lowerIsBetter ? x < y : x > y }
            return rows[a].manager < rows[b].manager
        }
        return order.map { rows[$0] }
    }

    /// Exact money text from cents: `150000` → `1500.00`.
    public static func money(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Cents from exact money text (`1500`, `1500.5`, `1500.50`); nil if it is not money.
    public static func cents(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        let cents = whole * 100 + fraction
        return negative ? -cents : cents
    }
}
