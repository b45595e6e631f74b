import CallsheetDomain
import Testing

@Suite struct DueRuleTests {
    @Test func textFormsRoundTrip() {
        let table: [(String, DueRule?)] = [
            ("1 business day after previous", .afterPrevious(businessDays: 1)),
            ("0 business days after previous", .afterPrevious(businessDays: 0)),
            ("3 Business Days after previous", .afterPrevious(businessDays: 3)),
            ("monday of wave week", .onWaveDay(.monday)),
            ("friday of wave week", .onWaveDay(.friday)),
            ("fri of wave week", nil),
            ("on event day", .afterEvent(businessDays: 0)),
            ("1 business day after event", .afterEvent(businessDays: 1)),
            ("when the manager sets", .managerSets),
            ("-1 business days after previous", nil),
            ("soon", nil),
            ("", nil),
        ]
        for (text, rule) in table {
            #expect(DueRule(text: text) == rule, "\(text)")
            if let rule { #expect(DueRule(text: rule.description) == rule) }
        }
    }

    @Test func retryDelays() {
        #expect(RetryDelay(text: "2 hours") == .minutes(120))
        #expect(RetryDelay(text: "90 minutes") == .minutes(90))
        #expect(RetryDelay(text: "1 business day") == .businessDays(1))
        #expect(RetryDelay(text: "1 fortnight") == nil)
        #expect(RetryDelay(text: "-3 hours") == nil)
        #expect(RetryDelay.minutes(120).description == "2 hours")
    }
}

@Suite struct WorkflowRulesTests {
    static let step = WorkflowStep(name: "offer", due: .onWaveDay(.monday), outcomes: [StepOutcome(name: "agreed", effect: .won)])

    @Test func aUsableWorkflowHasNoProblems() {
        #expect(WorkflowRules.problems(in: Workflow(name: "w", version: 1, steps: [Self.step])).isEmpty)
    }

    @Test func everyProblemNamesItsStepAndOutcome() {
        var broken = Self.step
        broken.outcomes = [
            StepOutcome(name: "agreed", effect: .next("invoic")),
            StepOutcome(name: "agreed", effect: .lost),
            StepOutcome(name: "late", effect: .lost, retryDelay: .businessDays(1)),
        ]
        let second = WorkflowStep(name: "retry", due: .managerSets, maximumAttempts: 0, outcomes: [])
        let problems = WorkflowRules.problems(in: Workflow(name: "Bad Name", version: 0, steps: [broken, second]))
        #expect(
            problems == [
                "name \"Bad Name\" must be lower-case letters, digits and '-', starting with a letter",
                "version must be 1 or more",
                "step 'offer', outcome 'agreed': leads to 'invoic', which is neither a step of this workflow nor one of retry, callback, won, lost, do-not-call",
                "step 'offer', outcome 'agreed': outcome name used twice in this step",
                "step 'offer', outcome 'late': retry_after only applies to an outcome that leads to retry",
                "step 'retry': 'retry' is a reserved word (retry, callback, won, lost, do-not-call)",
                "step 'retry': no outcomes (a step needs at least one)",
                "step 'retry': max_attempts must be 1 or more",
            ])
        let managerFirst = Workflow(name: "w", version: 1, steps: [WorkflowStep(name: "a", due: .managerSets, outcomes: [StepOutcome(name: "x", effect: .won)])])
        #expect(WorkflowRules.problems(in: managerFirst) == ["step 'a': the first step cannot be due \"when the manager sets\" (a wave schedules it)"])
    }
}

@Suite struct WaveTimelineTests {
    let w48 = ISOWeek("2026-W48")!  // Monday 2026-11-23 … Sunday 2026-11-29
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func firstStepsCountFromTheWaveMondayOrALateOpening() {
        let timeline = WaveTimeline(week: w48)
        #expect(timeline.dueDate(.onWaveDay(.monday)) == day("2026-11-23"))
        #expect(timeline.dueDate(.afterPrevious(businessDays: 0)) == day("2026-11-23"))
        #expect(timeline.dueDate(.afterPrevious(businessDays: 2)) == day("2026-11-25"))
        let late = WaveTimeline(week: w48, openedOn: day("2026-11-25"))
        #expect(late.dueDate(.onWaveDay(.monday)) == day("2026-11-25"))
        #expect(timeline.dueDate(.managerSets) == nil)
        #expect(timeline.dueDate(.afterEvent(businessDays: 1)) == nil)
    }

    @Test func fridayPlusOneIsMondayAndHolidaysRollForward() {
        let holiday = BusinessCalendar(holidays: [day("2026-11-30")])
        #expect(WaveTimeline(week: w48).dueDate(.afterPrevious(businessDays: 1), previousDone: day("2026-11-27")) == day("2026-11-30"))
        #expect(WaveTimeline(week: w48, calendar: holiday).dueDate(.afterPrevious(businessDays: 1), previousDone: day("2026-11-27")) == day("2026-12-01"))
        let mondayHoliday = BusinessCalendar(holidays: [day("2026-11-23")])
        #expect(WaveTimeline(week: w48, calendar: mondayHoliday).dueDate(.onWaveDay(.monday)) == day("2026-11-24"))
    }

    @Test func stepsBeforeTheEventAreCompressedOntoTheEventDay() {
        let seminar = WaveTimeline(week: w48, eventDay: .friday)
        #expect(seminar.eventDate == day("2026-11-27"))
        #expect(seminar.dueDate(.afterPrevious(businessDays: 1), previousDone: day("2026-11-26")) == day("2026-11-27"))
        #expect(seminar.dueDate(.afterPrevious(businessDays: 1), previousDone: day("2026-11-27")) == day("2026-11-27"))
        #expect(seminar.dueDate(.afterPrevious(businessDays: 3), previousDone: day("2026-11-25")) == day("2026-11-27"))
        // After the event nothing is compressed, and nothing is due before it is reached.
        #expect(seminar.dueDate(.afterPrevious(businessDays: 1), previousDone: day("2026-11-28")) == day("2026-11-30"))
        #expect(seminar.dueDate(.afterEvent(businessDays: 1), previousDone: day("2026-11-27")) == day("2026-11-30"))
        #expect(seminar.dueDate(.afterEvent(businessDays: 1), previousDone: day("2026-12-01")) == day("2026-12-01"))
        #expect(seminar.dueDate(.afterEvent(businessDays: 0)) == day("2026-11-27"))
    }
}
