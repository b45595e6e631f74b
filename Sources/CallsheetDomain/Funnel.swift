/// The sales funnel of a cohort of cases (docs/domain.md#reports): how many of the cases assigned got called,
/// reached, and how far along the workflow they went — the seed-004 "Totals" sheet.
///
/// Stages are counted from how deep each case got, so a stage never holds more cases than
/// the one before it, whatever order things happened in (a case advanced by an e-mail step
/// was still "reached"). The stages after `reached` are the workflow's steps after the
/// first, each named by the outcome that leads into it when exactly one does (`agreed`,
/// `invoiced`, `paid`), else by the step; the last stage is `won`.
public struct Funnel: Sendable, Equatable {
    /// A group of cases that got equally far, as the store counts them.
    public struct Tally: Sendable, Equatable {
        /// The `--by` value (a manager's login, a week, a segment); empty without `--by`.
        public var group: String
        public var called: Bool
        public var reached: Bool
        /// Index in the workflow of the furthest step the case got to (0 = the first).
        public var furthest: Int
        /// `open`, `won`, `lost`, `do-not-call`, `unreachable`, `cancelled`.
        public var state: CaseState
        /// Why a lost case was lost (`refused`, or the `--reason` given).
        public var closeReason: String?
        public var cases: Int

        public init(group: String = "", called: Bool, reached: Bool, furthest: Int, state: CaseState, closeReason: String? = nil, cases: Int) {
            self.group = group
            self.called = called
            self.reached = reached
            self.furthest = furthest
            self.state = state
            self.closeReason = closeReason
            self.cases = cases
        }
    }

    /// One row of the funnel: a group's count at every stage, and how its cases ended.
    public struct Row: Sendable, Equatable {
        public var group: String
        /// Cases at each stage, in `Funnel.stages` order (never increasing).
        public var stages: [Int]
        /// Lost cases by reason.
        public var refused: [String: Int]
        public var unreachable: Int
        public var doNotCall: Int
        public var cancelled: Int
        /// Cases still open.
        public var open: Int

        public var assigned: Int { stages.first ?? 0 }
        /// Cases never called.
        public var notCalled: Int { stages.count > 1 ? stages[0] - stages[1] : 0 }
        public var refusedTotal: Int { refused.values.reduce(0, +) }

        /// `stages[i] / stages[i - 1]`, nil for the first stage or when the previous is empty.
        public func conversion(at index: Int) -> Double? {
            guard index > 0, stages[index - 1] > 0 else { return nil }
            return Double(stages[index]) / Double(stages[index - 1])
        }

        mutating func add(_ other: Row) {
            stages = zip(stages, other.stages).map { $0 + $1 }
            refused.merge(other.refused, uniquingKeysWith: +)
            unreachable += other.unreachable
            doNotCall += other.doNotCall
            cancelled += other.cancelled
            open += other.open
        }
    }

    public var stages: [String]
    /// One row per group, in group order (empty groups are left out).
    public var rows: [Row]
    /// The sum of `rows`.
    public var total: Row

    /// The stage names for `workflow`: assigned, called, reached, one per later step, won.
    public static func stages(of workflow: Workflow) -> [String] {
        var names = ["assigned", "called", "reached"]
        for step in workflow.steps.dropFirst() {
            let into = workflow.steps.flatMap(\.outcomes).filter { $0.effect == .next(step.name) }.map(\.name)
            let name = Set(into).count == 1 ? into[0] : step.name
            names.append(names.contains(name) ? step.name : name)
        }
        names.append(names.contains("won") ? "won-case" : "won")
        return names
    }

    /// How deep a case got, as an index into `stages`: 0 assigned, 1 called, 2 reached,
    /// 2 + k at step k (k ≥ 1), the last stage when won.
    public static func depth(_ tally: Tally, workflow: Workflow) -> Int {
        if tally.state == .won { return workflow.steps.count + 2 }
        var depth = tally.reached ? 2 : tally.called ? 1 : 0
        if tally.furthest > 0 { depth = max(depth, min(2 + tally.furthest, workflow.steps.count + 1)) }
        return depth
    }

    /// The funnel of `tallies` for cases of `workflow`, one row per group (sorted).
    public init(workflow: Workflow, tallies: [Tally]) {
        stages = Self.stages(of: workflow)
        let empty = Row(group: "", stages: Array(repeating: 0, count: stages.count), refused: [:], unreachable: 0, doNotCall: 0, cancelled: 0, open: 0)
        var byGroup: [String: Row] = [:]
        for tally in tallies where tally.cases > 0 {
            var row =
                byGroup[tally.group]
                ?? {
                    var r = empty; r.group = tally.group; return r
                }()
            let depth = Self.depth(tally, workflow: workflow)
            for stage in 0...depth { row.stages[stage] += tally.cases }
            switch tally.state {
            case .lost: row.refused[tally.closeReason ?? "refused", default: 0] += tally.cases
            case .unreachable: row.unreachable += tally.cases
            case .doNotCall: row.doNotCall += tally.cases
            case .cancelled: row.cancelled += tally.cases
            case .open: row.open += tally.cases
            case .won: break
            }
            byGroup[tally.group] = row
        }
        rows = byGroup.keys.sorted().map { byGroup[$0]! }
        total = rows.reduce(into: empty) { $0.add($1) }
        total.group = "total"
    }
}
