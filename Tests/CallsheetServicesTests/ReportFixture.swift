import CallsheetClient
import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// The scripted week of calls the report, question and export suites read.
enum ReportFixture {
    /// `manager` takes the next call at `claim` and records, at `finish`, the outcome the
    /// script gives for the step it got.
    static func call(_ manager: String, _ database: Database, claim: String, finish: String, _ outcomes: [String: String]) async throws {
        let taken = await CallLoopFixture.at(claim, database).replies(["next --as \(manager)"], role: .admin)[0]
        let task = try #require(taken.field("task"))
        let step = try #require(taken.field("step"))
        let outcome = try #require(outcomes[step], "\(manager) got step \(step)")
        let done = await CallLoopFixture.at(finish, database).run(["outcome \(task) \(outcome) --as \(manager)"], role: .admin)[0]
        #expect(done.last?.hasPrefix("OK task=\(task)") == true, "\(done)")
    }

    /// Monday: anna agreed (2 min), no-answer (1 min); bob refused (1 min). Tuesday: anna's
    /// retry of the unanswered offer ends do-not-call (1 min), then the invoice call,
    /// invoiced 1500.00 (4 min). cara calls nobody.
    static func scriptedWeek(_ database: Database) async throws {
        try await CallLoopFixture.seminar(database, clients: 30, managers: ["anna", "bob", "cara"])
        try await call("anna", database, claim: "2026-11-23T09:00:00Z", finish: "2026-11-23T09:02:00Z", ["offer": "agreed"])
        try await call("anna", database, claim: "2026-11-23T09:02:00Z", finish: "2026-11-23T09:03:00Z", ["offer": "no-answer"])
        try await call("bob", database, claim: "2026-11-23T09:00:00Z", finish: "2026-11-23T09:01:00Z", ["offer": "refused"])
        try await call("anna", database, claim: "2026-11-24T09:00:00Z", finish: "2026-11-24T09:01:00Z", ["offer": "do-not-call"])
        try await call("anna", database, claim: "2026-11-24T09:01:00Z", finish: "2026-11-24T09:05:00Z", ["invoice": "invoiced --amount 1500.00"])
    }
}
