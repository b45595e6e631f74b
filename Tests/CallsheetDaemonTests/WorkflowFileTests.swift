import CallsheetDaemon
import CallsheetDomain
import Foundation
import Testing

@Suite struct WorkflowFileTests {
    static func seminar() throws -> Workflow {
        try WorkflowFile.load(file: RepositoryFiles.workflows + "/seminar-weekly.yaml")
    }

    @Test func theShippedWorkflowsHaveExactlyTheAgreedNames() throws {
        let all = try WorkflowFile.loadAll(directory: RepositoryFiles.workflows)
        #expect(all.map(\.name) == ["insurance-broker", "seminar-weekly"])
        let seminar = try Self.seminar()
        #expect(seminar.eventDay == .friday)
        let outcomes = seminar.steps.map { step in "\(step.name): " + step.outcomes.map { "\($0.name)→\($0.effect)" }.joined(separator: " ") }
        #expect(
            outcomes == [
                "offer: agreed→invoice refused→lost no-answer→retry callback→callback do-not-call→do-not-call",
                "invoice: invoiced→payment refused→lost no-answer→retry callback→callback do-not-call→do-not-call",
                "payment: paid→venue not-paid→retry refused→lost no-answer→retry callback→callback do-not-call→do-not-call",
                "venue: informed→feedback no-answer→retry callback→callback do-not-call→do-not-call",
                "feedback: liked→won disliked→won no-answer→retry callback→callback do-not-call→do-not-call",
            ])
        #expect(
            seminar.steps.map(\.due) == [
                .onWaveDay(.monday), .afterPrevious(businessDays: 1), .afterPrevious(businessDays: 1), .afterEvent(businessDays: 0), .afterEvent(businessDays: 1),
            ])
        #expect(seminar.step(named: "invoice")?.outcome(named: "invoiced")?.amount == .required)
        #expect(seminar.step(named: "payment")?.outcome(named: "not-paid")?.retryDelay == .businessDays(1))
        #expect(seminar.step(named: "feedback")?.outcome(named: "disliked")?.quality == "disliked")
        let broker = all[0]
        #expect(broker.steps.count == 10)
        #expect(broker.steps.map(\.kind) == [.email, .call, .meeting, .task, .email, .call, .meeting, .task, .email, .meeting])
    }

    /// Seed 004 in domain time: the wave opens on Monday 2026-11-23 (2026-W48), the seminar
    /// is on Friday 2026-11-27. Each step is done the day it falls due.
    @Test func theSeed004WeekForClientsWhoAgreeOnMondayTuesdayOrThursday() throws {
        let seminar = try Self.seminar()
        let timeline = WaveTimeline(week: ISOWeek("2026-W48")!, eventDay: seminar.eventDay)
        func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
        func schedule(agreedOn: LocalDate) -> [String] {
            var done = agreedOn
            var dates: [String] = []
            for name in ["invoice", "payment", "venue", "feedback"] {
                let due = timeline.dueDate(seminar.step(named: name)!.due, previousDone: done)!
                dates.append("\(name) \(due)")
                done = due
            }
            return dates
        }
        #expect(timeline.dueDate(seminar.firstStep.due) == day("2026-11-23"), "offer on Monday of the wave week")
        #expect(schedule(agreedOn: day("2026-11-23")) == ["invoice 2026-11-24", "payment 2026-11-25", "venue 2026-11-27", "feedback 2026-11-30"])
        #expect(schedule(agreedOn: day("2026-11-24")) == ["invoice 2026-11-25", "payment 2026-11-26", "venue 2026-11-27", "feedback 2026-11-30"])
        // Thursday: the invoice call is Friday and payment, naturally Monday, is pulled onto the event day.
        #expect(schedule(agreedOn: day("2026-11-26")) == ["invoice 2026-11-27", "payment 2026-11-27", "venue 2026-11-27", "feedback 2026-11-30"])
        // A holiday on the Monday after the event moves the feedback call to Tuesday.
        let holiday = WaveTimeline(week: ISOWeek("2026-W48")!, calendar: BusinessCalendar(holidays: [day("2026-11-30")]), eventDay: .friday)
        #expect(holiday.dueDate(seminar.step(named: "feedback")!.due, previousDone: day("2026-11-27")) == day("2026-12-01"))
    }

    @Test func mistakesNameTheFileLineAndKey() {
        let cases: [(String, String)] = [
            (
                "name: w\nsteps:\n  - name: a\n    due: soon\n    outcomes: {x: won}\n",
                "w.yaml:4: steps[0] (a).due: \"soon\" is not a due rule; write one of " + DueRule.forms
            ),
            (
                "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    colour: red\n    outcomes: {x: won}\n",
                "w.yaml:5: steps[0].colour: unknown key (known keys of steps[0]: due, hint, kind, max_attempts, name, outcomes, retry, standard)"
            ),
            (
                "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    outcomes:\n      agreed: invoic\n",
                "w.yaml: workflow 'w': step 'a', outcome 'agreed': leads to 'invoic', which is neither a step of this workflow nor one of retry, callback, won, lost, do-not-call"
            ),
            (
                "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    retry: soon\n    outcomes: {x: won}\n",
                "w.yaml:5: steps[0] (a).retry: \"soon\" is not a delay (\"90 minutes\", \"2 hours\", \"1 business day\")"
            ),
            (
                "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    outcomes:\n      paid: {then: won, amount: lots}\n",
                "w.yaml:6: steps[0] (a).outcomes.paid.amount: \"lots\" is not one of none, optional, required"
            ),
            (
                "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    outcomes:\n      agreed: {then: won, offer: maybe}\n",
                "w.yaml:6: steps[0] (a).outcomes.agreed.offer: \"maybe\" is not an offer status (sent, confirmed, follow-up, renegotiated, accepted, rejected, postponed)"
            ),
            ("steps: []\n", "w.yaml: name: missing (every workflow has a name)"),
            ("name: w\nevent_day: someday\nsteps: []\n", "w.yaml:2: event_day: \"someday\" is not a weekday"),
        ]
        for (yaml, message) in cases {
            #expect(throws: ConfigurationError(message)) { try WorkflowFile.parse(yaml: yaml, file: "w.yaml") }
        }
    }

    @Test func twoFilesWithOneNameAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workflows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "name: w\nsteps:\n  - name: a\n    due: monday of wave week\n    outcomes: {x: won}\n"
        try text.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try text.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError("\(dir.path)/b.yaml: workflow 'w' is also defined in \(dir.path)/a.yaml")) {
            try WorkflowFile.loadAll(directory: dir.path)
        }
    }
}
