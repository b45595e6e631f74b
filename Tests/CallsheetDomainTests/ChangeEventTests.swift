import CallsheetDomain
import Testing

@Suite struct ChangeEventTests {
    @Test func readsTheTriggersPayloads() {
        let outcome = ChangeEvent(payload: #"{"kind" : "outcome", "task" : 7, "campaign" : "seminar", "manager" : "anna", "team" : "ewa", "outcome" : "paid"}"#)
        #expect(outcome == ChangeEvent(kind: .outcome, task: 7, campaign: "seminar", manager: "anna", team: "ewa", outcome: "paid"))
        #expect(ChangeEvent(payload: #"{"kind":"assigned","manager":"anna","team":"ewa","calls":40}"#)?.calls == 40)
        #expect(ChangeEvent(payload: "not json") == nil)
        #expect(ChangeEvent(payload: #"{"kind":"deleted"}"#) == nil, "an unknown kind is ignored, not guessed")
    }

    @Test func aManagerHearsOfTheirCallsAndTheirTeam() {
        let assignedToAnna = ChangeEvent(kind: .assigned, manager: "anna", team: "ewa", calls: 3)
        let outcomeInEwasTeam = ChangeEvent(kind: .outcome, task: 1, manager: "bart", team: "ewa", outcome: "paid")
        let waveOfOtherTeam = ChangeEvent(kind: .wave, campaign: "books", team: "olga", week: "2026-W49")
        #expect(assignedToAnna.concerns(role: .manager, login: "anna", team: "ewa"))
        #expect(!assignedToAnna.concerns(role: .manager, login: "bart", team: "ewa"), "another manager's new calls are theirs")
        #expect(outcomeInEwasTeam.concerns(role: .manager, login: "anna", team: "ewa"))
        #expect(!outcomeInEwasTeam.concerns(role: .manager, login: "zoe", team: "olga"))
        #expect(!waveOfOtherTeam.concerns(role: .manager, login: "anna", team: "ewa"))
        #expect(!waveOfOtherTeam.concerns(role: .manager, login: "anna", team: nil))
        for event in [assignedToAnna, outcomeInEwasTeam, waveOfOtherTeam] {
            #expect(event.concerns(role: .admin, login: "ewa", team: nil) && event.concerns(role: .viewer, login: "dora", team: nil))
        }
    }
}
