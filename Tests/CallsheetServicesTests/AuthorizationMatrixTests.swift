import CallsheetDomain
import CallsheetServices
import CallsheetTestSupport
import Testing

/// Who may run which use case, for whom — asked of the services themselves (not of a
/// front-end): every use case × every role × acting for oneself and for another.
///
/// The expected answers are written out here independently of `UseCase.minimumRole`, so a
/// change to the shared table shows up as a failing cell.
@Suite struct AuthorizationMatrixTests {
    /// What a viewer may do: read.
    static let viewerMay: Set<UseCase> = [
        .agenda, .listWorkflows, .showWorkflow, .listCampaigns, .showCampaign, .listWaves, .showWave,
        .listAdministrators, .showAdministrator, .listManagers, .showManager, .listViewers, .listDoNotCall,
        .reportManagers, .reportFunnel, .reportOffers, .reportForecast, .reportDaily,
        .reportUntouched, .reportNeglected, .reportLate, .exportSheets,
    ]
    /// What a manager may do besides: work their calls, look clients up, list numbers.
    static let managerMay: Set<UseCase> = viewerMay.union([
        .next, .recordOutcome, .release, .showClient, .findClient, .addDoNotCall, .checkDoNotCall,
    ])
    /// Use cases about one manager's work: a manager only for themself.
    static let ownWorkOnly: Set<UseCase> = [.next, .recordOutcome, .release, .agenda]

    enum Acting: CaseIterable { case forThemself, forAnother }

    static func expectedAllowed(_ useCase: UseCase, _ role: Role, _ acting: Acting) -> Bool {
        let may =
            switch role {
            case .viewer: viewerMay.contains(useCase)
            case .manager: managerMay.contains(useCase)
            case .admin: true
            }
        return may && !(role == .manager && acting == .forAnother && ownWorkOnly.contains(useCase))
    }

    static func caller(_ role: Role) -> Caller {
        Caller(identity: .osUser(uid: 1000, name: "anna"), role: role, manager: role == .manager ? "anna" : nil)
    }

    @Test func everyCellOfTheRuleTable() throws {
        for useCase in UseCase.allCases {
            for role in Role.allCases {
                for acting in Acting.allCases {
                    let named = acting == .forThemself ? "anna" : "bart"
                    let caller = Self.caller(role)
                    let allowed: Bool
                    do {
                        switch useCase.managerScope {
                        case .none: try Authorization.check(caller, useCase)
                        case .actsFor: _ = try Authorization.actingManager(caller, useCase, named: named)
                        case .readsFor: _ = try Authorization.readManager(caller, useCase, named: named)
                        }
                        allowed = true
                    } catch {
                        #expect(error.code == .permission, "\(useCase) \(role) \(acting): \(error)")
                        allowed = false
                    }
                    #expect(allowed == Self.expectedAllowed(useCase, role, acting), "\(useCase) as \(role) acting \(acting)")
                }
            }
        }
    }

    @Test func aManagerWorksAsTheirOwnCardAndAnAdministratorNamesOne() throws {
        #expect(try Authorization.actingManager(Self.caller(.manager), .next, named: nil) == "anna")
        #expect(try Authorization.actingManager(Self.caller(.admin), .next, named: "bart") == "bart")
        #expect(throws: ServiceError(.invalid, "next as an administrator needs the manager you act for")) {
            try Authorization.actingManager(Self.caller(.admin), .next, named: nil)
        }
        #expect(try Authorization.readManager(Self.caller(.viewer), .agenda, named: nil) == nil)
        #expect(try Authorization.readManager(Self.caller(.manager), .agenda, named: nil) == "anna")
        #expect(try Authorization.listingManager(Self.caller(.manager)) == "anna")
        #expect(try Authorization.listingManager(Self.caller(.admin)) == nil)
        let unbound = Caller(identity: .account("zed"), role: .manager)
        #expect(throws: ServiceError(.permission, "web account zed has the manager role but works as no manager")) {
            try Authorization.actingManager(unbound, .next, named: nil)
        }
    }

    /// Every public use case of the services asks `Authorization` before it does anything:
    /// each one, called by every role for themself and for another, is refused with
    /// `PERMISSION` exactly where the table says so (other errors — no such campaign —
    /// mean it got past the check).
    @Test func everyServiceUseCaseAsksTheRules() async throws {
        try await TestDatabase.with { database, _ in
            let services = UseCases(database: database, settings: DirectorySettings())
            var covered: Set<UseCase> = []
            for (useCase, call) in Self.calls {
                covered.insert(useCase)
                for role in Role.allCases {
                    for acting in Acting.allCases {
                        let named = acting == .forThemself ? "anna" : "bart"
                        var refused = false
                        do {
                            try await call(services, Self.caller(role), named)
                        } catch let error as ServiceError where error.code == .permission {
                            refused = true
                        } catch {}
                        #expect(refused == !Self.expectedAllowed(useCase, role, acting), "\(useCase) as \(role) acting \(acting)")
                    }
                }
            }
            #expect(covered == Set(UseCase.allCases), "use cases without a call here: \(Set(UseCase.allCases).subtracting(covered))")
        }
    }

    typealias Call = @Sendable (UseCases, Caller, String) async throws -> Void

    static let week = ISOWeek("2026-W48")!

    static let calls: [(UseCase, Call)] = [
        (.next, { s, c, m in _ = try await s.calls.next(for: m, campaign: nil, as: c) }),
        (.recordOutcome, { s, c, m in _ = try await s.calls.recordOutcome(task: 1, .init(outcome: "no-answer"), for: m, as: c) }),
        (.release, { s, c, m in try await s.calls.release(task: 1, for: m, as: c) }),
        (.agenda, { s, c, m in _ = try await s.calls.agenda(for: m, date: nil, as: c) }),
        (.assign, { s, c, m in _ = try await s.assignments.assign(client: 1, to: m, campaign: "none", as: c) }),
        (.reassign, { s, c, m in _ = try await s.assignments.reassign(from: m, to: "carl", campaign: nil, clients: [], as: c) }),
        (.unassign, { s, c, _ in _ = try await s.assignments.unassign(client: 1, campaign: "none", as: c) }),
        (.listWorkflows, { s, c, _ in _ = try s.campaigns.workflows(as: c) }),
        (.showWorkflow, { s, c, _ in _ = try s.campaigns.workflow(named: "none", as: c) }),
        (
            .createCampaign,
            { s, c, _ in
                _ = try await s.campaigns.create(
                    name: "x", workflow: "none", team: "none", callingHours: CallingHours("09:00-18:00")!,
                    eventDay: nil, budget: nil, holidays: [], as: c)
            }
        ),
        (.listCampaigns, { s, c, _ in _ = try await s.campaigns.campaigns(as: c) }),
        (.showCampaign, { s, c, _ in _ = try await s.campaigns.campaign(named: "none", as: c) }),
        (.changeCampaignState, { s, c, _ in _ = try await s.campaigns.setState("none", to: .paused, as: c) }),
        (.changeCampaign, { s, c, _ in _ = try await s.campaigns.update("none", CampaignChanges(dailyCap: 2), as: c) }),
        (.addAudience, { s, c, _ in _ = try await s.campaigns.addClients("none", .all, as: c) }),
        (.removeAudience, { s, c, _ in _ = try await s.campaigns.removeClients("none", .all, as: c) }),
        (.openWave, { s, c, _ in _ = try await s.waves.open(campaign: "none", week: week, dryRun: true, as: c) }),
        (.listWaves, { s, c, _ in _ = try await s.waves.waves(campaign: "none", as: c) }),
        (.showWave, { s, c, m in _ = try await s.waves.lists(campaign: "none", week: nil, manager: m, limit: 1, as: c) }),
        (.addClient, { s, c, _ in _ = try await s.clients.add(ClientFields(), allowDuplicate: false, as: c) }),
        (.showClient, { s, c, _ in _ = try await s.clients.card(1, as: c) }),
        (.findClient, { s, c, _ in _ = try await s.clients.find("x", segment: nil, tag: nil, limit: 1, as: c) }),
        (.editClient, { s, c, _ in _ = try await s.clients.edit(1, changes: ClientChanges(), addPhones: [], as: c) }),
        (.importClients, { s, c, _ in _ = try await s.imports.run(lines: { nil }, options: .init(), as: c) }),
        (.addAdministrator, { s, c, _ in _ = try await s.directory.addAdministrator(login: "", name: "", as: c) }),
        (.listAdministrators, { s, c, _ in _ = try await s.directory.administrators(as: c) }),
        (.showAdministrator, { s, c, _ in _ = try await s.directory.administrators(login: "none", as: c) }),
        (.addManager, { s, c, _ in _ = try await s.directory.addManager(login: "", name: "", team: "none", capacity: nil, timeZone: nil, as: c) }),
        (.listManagers, { s, c, _ in _ = try await s.directory.managers(as: c) }),
        (.showManager, { s, c, m in _ = try await s.directory.manager(login: m, as: c) }),
        (.editManager, { s, c, m in _ = try await s.directory.editManager(login: m, changes: ManagerChanges(capacity: 5), as: c) }),
        (.changeManagerActive, { s, c, m in _ = try await s.directory.setManagerActive(login: m, active: false, as: c) }),
        (.addDoNotCall, { s, c, _ in _ = try await s.doNotCall.add("#1", campaignID: nil, reason: "asked", as: c) }),
        (.removeDoNotCall, { s, c, _ in _ = try await s.doNotCall.remove("#1", campaignID: nil, reason: nil, as: c) }),
        (.checkDoNotCall, { s, c, _ in _ = try await s.doNotCall.check("+48600000001", as: c) }),
        (.listDoNotCall, { s, c, _ in _ = try await s.doNotCall.list(campaignID: nil, globalOnly: false, limit: 1, as: c) }),
        (.importDoNotCall, { s, c, _ in _ = try await s.doNotCall.importList(lines: { nil }, campaignID: nil, defaultReason: nil, skipInvalid: false, as: c) }),
        (.reportManagers, { s, c, _ in _ = try await s.reports.managers(try scope(s), by: .calls, as: c) }),
        (.reportFunnel, { s, c, _ in _ = try await s.reports.funnel(try scope(s), by: .manager, as: c) }),
        (.reportOffers, { s, c, _ in _ = try await s.reports.offers(try scope(s), as: c) }),
        (.reportForecast, { s, c, _ in _ = try await s.reports.forecast(try scope(s), as: c) }),
        (.reportDaily, { s, c, _ in _ = try await s.reports.daily(try scope(s), as: c) }),
        (.reportUntouched, { s, c, _ in _ = try await s.reports.untouched(try scope(s), limit: 1, as: c) }),
        (.reportNeglected, { s, c, _ in _ = try await s.reports.neglected(try scope(s), days: 30, minimumImportance: 0, limit: 1, as: c) }),
        (.reportLate, { s, c, _ in _ = try await s.reports.late(try scope(s), as: c) }),
        (.exportSheets, { s, c, _ in _ = try await s.reports.weekSheets(campaign: "none", week: "2026-W48", as: c) }),
        (.rebuildReports, { s, c, _ in _ = try await s.reports.rebuild(as: c) }),
        (.addViewer, { s, c, _ in _ = try await s.directory.addViewer(login: "", name: "", as: c) }),
        (.listViewers, { s, c, _ in _ = try await s.directory.viewers(as: c) }),
        (.createToken, { s, c, m in _ = try await s.tokens.create(login: m, name: "x", as: c) }),
        (.listTokens, { s, c, _ in _ = try await s.tokens.list(login: nil, as: c) }),
        (.revokeToken, { s, c, _ in try await s.tokens.revoke(id: 1, as: c) }),
        (.setPassword, { s, c, m in try await s.accounts.setPassword(login: m, password: "long enough password", as: c) }),
        (.inviteAccount, { s, c, m in _ = try await s.accounts.invite(login: m, as: c) }),
        (.revokeAccount, { s, c, m in _ = try await s.accounts.revoke(login: m, as: c) }),
        (.listAccounts, { s, c, _ in _ = try await s.accounts.list(as: c) }),
        (.previewMail, { s, c, m in _ = try await s.mail.preview(login: m, date: nil, as: c) }),
        (.listMail, { s, c, _ in _ = try await s.mail.outbox(failedOnly: false, limit: 10, as: c) }),
        (.sendMail, { s, c, m in _ = try await s.mail.sendNow(login: m, as: c) }),
        (.editAdministrator, { s, c, _ in _ = try await s.directory.editAdministrator(login: "nobody", name: "X", email: nil, as: c) }),
        (.editViewer, { s, c, _ in _ = try await s.directory.editViewer(login: "nobody", name: "X", email: nil, as: c) }),
    ]

    static func scope(_ services: UseCases) throws -> ReportService.Scope {
        try services.reports.scope(campaign: nil, week: "2026-W48", from: nil, to: nil, team: nil, manager: nil)
    }
}
