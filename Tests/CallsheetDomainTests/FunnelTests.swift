import CallsheetDomain
import Testing

/// The funnel's arithmetic: stage names from a workflow, and the properties every funnel
/// must have whatever the cases did (checked on many random cohorts).
@Suite struct FunnelTests {
    /// seminar-weekly's shape: offer → invoice → payment → venue → feedback → won.
    static let seminar = Workflow(
        name: "seminar-weekly", version: 2,
        steps: [
            WorkflowStep(
                name: "offer", due: .onWaveDay(.monday),
                outcomes: [
                    StepOutcome(name: "agreed", effect: .next("invoice")), StepOutcome(name: "refused", effect: .lost),
                    StepOutcome(name: "no-answer", effect: .retry),
                ]),
            WorkflowStep(name: "invoice", due: .afterPrevious(businessDays: 1), outcomes: [StepOutcome(name: "invoiced", effect: .next("payment"), amount: .required)]),
            WorkflowStep(name: "payment", due: .afterPrevious(businessDays: 1), outcomes: [StepOutcome(name: "paid", effect: .next("venue"), amount: .required)]),
            WorkflowStep(name: "venue", due: .afterEvent(businessDays: 0), outcomes: [StepOutcome(name: "informed", effect: .next("feedback"))]),
            WorkflowStep(
                name: "feedback", due: .afterEvent(businessDays: 1),
                outcomes: [
                    StepOutcome(name: "liked", effect: .won), StepOutcome(name: "disliked", effect: .won),
                ]),
        ])

    @Test func stagesAreNamedByTheOutcomeThatLeadsIntoThem() {
        #expect(Funnel.stages(of: Self.seminar) == ["assigned", "called", "reached", "agreed", "invoiced", "paid", "informed", "won"])
        let twoWaysIn = Workflow(
            name: "w", version: 1,
            steps: [
                WorkflowStep(name: "a", due: .managerSets, outcomes: [StepOutcome(name: "yes", effect: .next("b")), StepOutcome(name: "maybe", effect: .next("b"))]),
                WorkflowStep(name: "b", due: .managerSets, outcomes: [StepOutcome(name: "called", effect: .won)]),
            ])
        #expect(Funnel.stages(of: twoWaysIn) == ["assigned", "called", "reached", "b", "won"])
    }

    @Test func depthCountsTheFurthestThingThatHappened() {
        func depth(_ called: Bool, _ reached: Bool, _ furthest: Int, _ state: CaseState = .open) -> Int {
            Funnel.depth(Funnel.Tally(called: called, reached: reached, furthest: furthest, state: state, cases: 1), workflow: Self.seminar)
        }
        #expect(depth(false, false, 0) == 0)
        #expect(depth(true, false, 0) == 1)
        #expect(depth(true, true, 0) == 2)
        #expect(depth(true, true, 2) == 4)
        #expect(depth(false, false, 1) == 3, "moved on without a call (an e-mail step) still counts as past reached")
        #expect(depth(true, true, 4, .won) == 7)
        #expect(depth(true, true, 4) == 6)
    }

    /// A deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func stagesNeverIncreaseAndGroupsSumToTheTotal() {
        var random = Generator(state: 48)
        let states = CaseState.allCases
        for _ in 0..<500 {
            let tallies = (0..<random.next(40)).map { _ in
                Funnel.Tally(
                    group: ["anna", "bob", "cara", "dan"][random.next(4)], called: random.next(2) == 1, reached: random.next(3) == 1,
                    furthest: random.next(5), state: states[random.next(states.count)],
                    closeReason: ["refused", "too expensive", nil][random.next(3)], cases: random.next(20))
            }
            let funnel = Funnel(workflow: Self.seminar, tallies: tallies)
            for row in funnel.rows + [funnel.total] {
                #expect(zip(row.stages, row.stages.dropFirst()).allSatisfy { $0 >= $1 }, "\(row)")
                #expect(row.stages.indices.allSatisfy { (row.conversion(at: $0) ?? 0) <= 1 })
                #expect(row.open + row.refusedTotal + row.unreachable + row.doNotCall + row.cancelled + (row.stages.last ?? 0) == row.assigned)
            }
            for stage in funnel.stages.indices {
                #expect(funnel.rows.map { $0.stages[stage] }.reduce(0, +) == funnel.total.stages[stage])
            }
            #expect(funnel.rows.map(\.open).reduce(0, +) == funnel.total.open)
            #expect(funnel.rows.map(\.refusedTotal).reduce(0, +) == funnel.total.refusedTotal)
            #expect(funnel.total.assigned == tallies.map(\.cases).reduce(0, +))
        }
    }

    @Test func forecastUsesDecidedCasesAndTheMeanPayment() {
        func tally(_ furthest: Int, _ state: CaseState, _ cases: Int) -> Funnel.Tally {
            Funnel.Tally(called: true, reached: true, furthest: furthest, state: state, cases: cases)
        }
        // 10 refused at the offer, 5 lost after the invoice, 5 paid (at venue, open), 2 won; 20 open offers.
        let cases = [tally(0, .lost, 10), tally(2, .lost, 5), tally(3, .open, 5), tally(4, .won, 2), tally(0, .open, 20)]
        let forecast = Forecast(
            workflow: Self.seminar, cases: cases, open: ["offer": 20, "payment": 4], paidCalls: 7, paidCents: 7 * 150_000,
            budgetCents: 70_000)
        #expect(forecast.rows.map(\.step) == ["offer", "invoice", "payment"])
        #expect(forecast.rows[0].decidedFromHere == 22 && forecast.rows[0].paidFromHere == 7)
        #expect(forecast.rows[2].decidedFromHere == 12 && forecast.rows[2].paidFromHere == 7)
        #expect(forecast.paying == 7 && forecast.meanPaidCents == 150_000 && forecast.costPerPayingCents == 10_000)
        let expected = 20.0 * 7 / 22 + 4.0 * 7 / 12
        #expect(abs(forecast.expectedPaid - expected) < 1e-9)
        #expect(forecast.expectedValueCents == Int64((20.0 * 7 / 22 * 150_000).rounded()) + Int64((4.0 * 7 / 12 * 150_000).rounded()))
        let unpaid = Forecast(workflow: Self.seminar, cases: [], open: [:], paidCalls: 0, paidCents: 0, budgetCents: 100)
        #expect(unpaid.meanPaidCents == nil && unpaid.expectedValueCents == nil && unpaid.costPerPayingCents == nil)
    }
}
