import CallsheetDomain
import Testing

/// Best and worst only where the figures differ; ties share the mark.
@Suite struct ManagerComparisonMarksTests {
    static func figures(_ calls: [String: Int], late: [String: Int] = [:]) -> [ManagerComparison.Figures] {
        calls.keys.sorted().map { login in
            var row = ManagerComparison.Figures(manager: login, team: "ewa", listSize: 10)
            row.calls = calls[login] ?? 0
            row.late = late[login] ?? 0
            return row
        }
    }

    @Test func nobodyIsBestOrWorstWhenAllAreEqual() {
        #expect(ManagerComparison.marks(Self.figures(["anna": 0, "bob": 0, "cara": 0]), by: .calls).isEmpty)
        #expect(ManagerComparison.marks(Self.figures(["anna": 7]), by: .calls).isEmpty, "one manager is compared with nobody")
        #expect(ManagerComparison.marks([], by: .calls).isEmpty)
    }

    @Test func tiesShareTheMark() {
        let marks = ManagerComparison.marks(Self.figures(["anna": 5, "bob": 5, "cara": 2, "dan": 0, "eve": 0]), by: .calls)
        #expect(marks == ["anna": .best, "bob": .best, "dan": .worst, "eve": .worst])
    }

    @Test func lowerIsBetterForLateness() {
        let marks = ManagerComparison.marks(Self.figures(["anna": 1, "bob": 1, "cara": 1], late: ["anna": 0, "bob": 3, "cara": 9]), by: .late)
        #expect(marks == ["anna": .best, "cara": .worst])
    }
}
