/// What the open pipeline is expected to bring (sales management asks "how much will we make this
/// month?"): open cases per step times the share of earlier cases that, having got to
/// that step, went on to pay — the observed stage-to-paid rate — valued at the mean paid
/// amount so far.
///
/// "Paid" is the stage the workflow's last money outcome leads to (`paid` → venue in
/// `seminar-weekly`); a workflow without money outcomes counts `won` as paid. Rates come
/// from decided cases only — closed, or already paid — so cases still under way do not
/// drag them down.
public struct Forecast: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var step: String
        public var open: Int
        /// Decided cases (closed or paid) that got to this step, and how many of them paid;
        /// nil rate when none is decided yet.
        public var decidedFromHere: Int
        public var paidFromHere: Int
        public var rate: Double? { decidedFromHere > 0 ? Double(paidFromHere) / Double(decidedFromHere) : nil }
        public var expectedPaid: Double { Double(open) * (rate ?? 0) }
        /// Expected money, in cents (nil when no amount has been paid yet to value it by).
        public var expectedValueCents: Int64?
    }

    public var rows: [Row]
    /// Cases (open or closed) that paid.
    public var paying: Int
    /// Mean amount of the paying outcome, in cents.
    public var meanPaidCents: Int64?
    public var expectedPaid: Double { rows.map(\.expectedPaid).reduce(0, +) }
    public var expectedValueCents: Int64? { meanPaidCents.map { _ in rows.compactMap(\.expectedValueCents).reduce(0, +) } }
    /// Budget ÷ paying cases, in cents, when the campaign has a budget and someone paid.
    public var costPerPayingCents: Int64?

    /// The outcome whose amount is what a case pays: the last money outcome in step order.
    public static func payingOutcome(of workflow: Workflow) -> (step: String, outcome: StepOutcome)? {
        for step in workflow.steps.reversed() {
            if let outcome = step.outcomes.last(where: { $0.amount != .none }) { return (step.name, outcome) }
        }
        return nil
    }

    /// The funnel depth (index into `Funnel.stages`) a case has to reach to count as paid.
    public static func paidDepth(of workflow: Workflow) -> Int {
        let won = workflow.steps.count + 2
        guard let paying = payingOutcome(of: workflow), case .next(let name) = paying.outcome.effect,
            let index = workflow.steps.firstIndex(where: { $0.name == name })
        else { return won }
        return 2 + index
    }

    /// - Parameters:
    ///   - cases: every case of the campaign by how far it got (open and closed).
    ///   - open: open cases in the report's scope, per step name.
    ///   - paidCalls / paidCents: how often the paying outcome was recorded and its amounts summed.
    public init(workflow: Workflow, cases: [Funnel.Tally], open: [String: Int], paidCalls: Int, paidCents: Int64, budgetCents: Int64?) {
        let paidDepth = Self.paidDepth(of: workflow)
        let depths = cases.map { (depth: Funnel.depth($0, workflow: workflow), tally: $0) }
        let paying = depths.filter { $0.depth >= paidDepth }.map(\.tally.cases).reduce(0, +)
        let mean = paidCalls > 0 ? Int64((Double(paidCents) / Double(paidCalls)).rounded()) : nil
        self.paying = paying
        meanPaidCents = mean
        costPerPayingCents = budgetCents.flatMap { budget in paying > 0 ? Int64((Double(budget) / Double(paying)).rounded()) : nil }
        let decided = depths.filter { $0.tally.state != .open || $0.depth >= paidDepth }
        rows = workflow.steps.enumerated().compactMap { index, step in
            let count = open[step.name] ?? 0
            // A case open at the first step has only been assigned; at step k it got to depth 2 + k.
            let from = index == 0 ? 0 : 2 + index
            guard from < paidDepth else { return nil }  // already paid: nothing left to forecast
            let reachedHere = decided.filter { $0.depth >= from }
            var row = Row(
                step: step.name, open: count, decidedFromHere: reachedHere.map(\.tally.cases).reduce(0, +),
                paidFromHere: reachedHere.filter { $0.depth >= paidDepth }.map(\.tally.cases).reduce(0, +))
            if let mean { row.expectedValueCents = Int64((row.expectedPaid * Double(mean)).rounded()) }
            return row
        }
    }
}
