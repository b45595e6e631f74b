import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The role matrix again, through HTTP: every route called by a viewer, a manager and an
/// administrator (API tokens), for oneself and for another manager where the route works a
/// manager's calls. 403 exactly where the use case's least role and the own-work rule say
/// so; nothing a manager cannot do on the console can be done over HTTP.
@Suite struct HTTPRoleMatrixTests {
    enum Acting { case nobody, themself, another }

    struct Call: Sendable {
        var method: String
        var path: String
        var json: String?
        var useCase: UseCase
        var acting: Acting = .nobody
    }

    static let calls: [Call] = [
        Call(method: "POST", path: "next", useCase: .next, acting: .themself),
        Call(method: "POST", path: "next?as=bart", useCase: .next, acting: .another),
        Call(method: "POST", path: "tasks/999999/outcome", json: #"{"outcome":"refused"}"#, useCase: .recordOutcome, acting: .themself),
        Call(method: "POST", path: "tasks/999999/outcome?as=bart", json: #"{"outcome":"refused"}"#, useCase: .recordOutcome, acting: .another),
        Call(method: "POST", path: "tasks/999999/callback", json: #"{"at":"+2h"}"#, useCase: .recordOutcome, acting: .themself),
        Call(method: "POST", path: "tasks/999999/release", useCase: .release, acting: .themself),
        Call(method: "POST", path: "tasks/999999/release?as=bart", useCase: .release, acting: .another),
        Call(method: "GET", path: "agenda", useCase: .agenda, acting: .themself),
        Call(method: "GET", path: "agenda?manager=bart", useCase: .agenda, acting: .another),
        Call(method: "GET", path: "clients?q=Kowalski", useCase: .findClient),
        Call(method: "GET", path: "clients/1", useCase: .showClient),
        Call(method: "GET", path: "managers", useCase: .listManagers),
        Call(method: "POST", path: "managers", json: #"{"login":"new1","name":"New","team":"nobody"}"#, useCase: .addManager),
        Call(method: "GET", path: "campaigns", useCase: .listCampaigns),
        Call(method: "GET", path: "campaigns/seminar", useCase: .showCampaign),
        Call(method: "POST", path: "campaigns/nope/pause", useCase: .changeCampaignState),
        Call(method: "POST", path: "campaigns/nope/resume", useCase: .changeCampaignState),
        Call(method: "POST", path: "campaigns/nope/close", useCase: .changeCampaignState),
        Call(method: "POST", path: "campaigns/nope/waves", json: #"{"week":"2026-W50","dry_run":true}"#, useCase: .openWave),
        Call(method: "POST", path: "assignments", json: #"{"client":1,"manager":"anna","campaign":"nope"}"#, useCase: .assign),
        Call(method: "POST", path: "dnc", json: #"{"subject":"not a number"}"#, useCase: .addDoNotCall),
        Call(method: "GET", path: "dnc/+48601000000", useCase: .checkDoNotCall),
        Call(method: "GET", path: "admins", useCase: .listAdministrators),
        Call(method: "POST", path: "admins", json: #"{"login":"Bad Login","name":"X"}"#, useCase: .addAdministrator),
        Call(method: "GET", path: "viewers", useCase: .listViewers),
        Call(method: "POST", path: "viewers", json: #"{"login":"Bad Login","name":"X"}"#, useCase: .addViewer),
        Call(method: "PATCH", path: "managers/nobody", json: #"{"capacity":5}"#, useCase: .editManager),
        Call(method: "POST", path: "managers/nobody/activate", useCase: .changeManagerActive),
        Call(method: "POST", path: "managers/nobody/deactivate", useCase: .changeManagerActive),
        Call(method: "POST", path: "campaigns", json: #"{"name":"x","workflow":"none","team":"ewa"}"#, useCase: .createCampaign),
        Call(method: "POST", path: "campaigns/nope/clients", json: #"{"clients":[1]}"#, useCase: .addAudience),
        Call(method: "GET", path: "campaigns/seminar/waves", useCase: .listWaves),
        Call(method: "POST", path: "reassignments", json: #"{"from":"nobody","to":"none"}"#, useCase: .reassign),
        Call(method: "DELETE", path: "campaigns/nope/assignments/1", useCase: .unassign),
        Call(method: "GET", path: "dnc", useCase: .listDoNotCall),
        Call(method: "DELETE", path: "dnc/not-a-number", useCase: .removeDoNotCall),
        Call(method: "GET", path: "reports/funnel", useCase: .reportFunnel),
        Call(method: "GET", path: "reports/daily", useCase: .reportDaily),
        Call(method: "GET", path: "reports/workbook?campaign=none&week=2026-W48", useCase: .exportSheets),
        Call(method: "GET", path: "reports/managers", useCase: .reportManagers),
        Call(method: "GET", path: "reports/late", useCase: .reportLate),
        Call(method: "GET", path: "reports/untouched", useCase: .reportUntouched),
        Call(method: "GET", path: "reports/neglected", useCase: .reportNeglected),
        Call(method: "GET", path: "reports/offers", useCase: .reportOffers),
        Call(method: "GET", path: "reports/forecast", useCase: .reportForecast),
    ]

    static func allowed(_ call: Call, _ role: Role) -> Bool {
        role >= call.useCase.minimumRole && !(role == .manager && call.acting == .another)
    }

    @Test func everyRouteAnswers403ExactlyWhereTheRulesSay() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(httpPort: port) { daemon in
            for line in [
                "admin add ewa --name Ewa", "manager add anna --name Anna --team ewa", "manager add bart --name Bart --team ewa",
                "viewer add dora --name Dora", "campaign create seminar --workflow seminar-weekly --team ewa",
            ] {
                let reply = try await DaemonHarness.run(line, on: daemon)
                #expect(reply.isOK, "\(line): \(reply.status)")
            }
            var tokens: [Role: String] = [:]
            for (role, login) in [(Role.admin, "ewa"), (.manager, "anna"), (.viewer, "dora")] {
                let made = try await DaemonHarness.run("token create \(login) --name matrix", on: daemon)
                let token = try #require(made.field("token"), "\(made.status)")
                tokens[role] = token
            }
            let web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            var covered: Set<UseCase> = []
            for call in Self.calls {
                covered.insert(call.useCase)
                for role in Role.allCases {
                    let answer = try await web.send(call.method, "/api/v1/" + call.path, json: call.json, token: tokens[role], origin: nil)
                    let refused = answer.status == 403
                    #expect(refused != Self.allowed(call, role), "\(call.method) \(call.path) as \(role): \(answer)")
                    #expect(answer.status != 401 && answer.status != 500 && answer.status != 0, "\(call.method) \(call.path) as \(role): \(answer)")
                    if refused { #expect(answer.code == "PERM", "\(answer)") }
                }
            }
            #expect(covered.count >= 33)
        }
    }
}
