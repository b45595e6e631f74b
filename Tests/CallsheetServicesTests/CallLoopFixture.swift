import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// The seminar campaign the call-loop, cap, report and do-not-call suites start from, and
/// a console session at a chosen instant.
enum CallLoopFixture {
    /// A console session at a given instant (domain time: no sleeping).
    static func at(_ iso: String, _ database: Database, callSettings: CallSettings = CallSettings()) -> ConsoleTestSession {
        let now = ISO8601DateFormatter().date(from: iso)!
        return ConsoleTestSession(database: database, campaignSettings: ConsoleTestSession.campaignSettings(now: now), callSettings: callSettings)
    }

    static func seminar(_ database: Database, clients: Int, managers: [String] = ["anna"]) async throws {
        try await CampaignFixture.clients(clients, in: database)
        var lines = ["admin add ewa --name Ewa"]
        lines += managers.map { "manager add \($0) --name \($0) --admin ewa --capacity 100000" }
        lines += ["campaign create seminar --workflow seminar-weekly --admin ewa", "campaign add-clients seminar --all", "wave open seminar --week 2026-W48"]
        let r = await at("2026-11-23T08:00:00Z", database).run(lines)
        #expect(r.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(r)")
    }
}
