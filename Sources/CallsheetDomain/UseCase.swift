/// Every use case of Callsheet with the least role it needs — the one table every
/// front-end shares (the console's commands and the HTTP API's routes name a use case,
/// never a role of their own), so "who may do what" is declared once.
public enum UseCase: String, Sendable, CaseIterable {
    // The call loop: a manager for themself, an administrator for the manager named.
    case next, recordOutcome, release
    /// Reading a manager's agenda: a manager their own, administrators and viewers anyone's.
    case agenda
    // Lists mid-week.
    case assign, reassign, unassign
    // Campaigns and their audiences.
    case listWorkflows, showWorkflow
    case createCampaign, listCampaigns, showCampaign, changeCampaignState, changeCampaign, addAudience, removeAudience
    // Waves.
    case openWave, listWaves, showWave
    // Clients.
    case addClient, showClient, findClient, editClient, importClients
    // People.
    case addAdministrator, listAdministrators, showAdministrator, editAdministrator
    case addManager, listManagers, showManager, editManager, changeManagerActive
    case addViewer, listViewers, editViewer
    // Do-not-call.
    case addDoNotCall, removeDoNotCall, checkDoNotCall, listDoNotCall, importDoNotCall
    // Reports.
    case reportManagers, reportFunnel, reportOffers, reportForecast, reportDaily
    case reportUntouched, reportNeglected, reportLate, exportSheets, rebuildReports
    // API tokens for scripts and integrations.
    case createToken, listTokens, revokeToken
    // Web accounts: passwords, invitations, revocation.
    case setPassword, inviteAccount, revokeAccount, listAccounts
    // The daily e-mail.
    case previewMail, listMail, sendMail

    /// The least role that may run it (roles are ordered: viewer < manager < admin).
    public var minimumRole: Role {
        switch self {
        case .next, .recordOutcome, .release: .manager
        case .showClient, .findClient, .addDoNotCall, .checkDoNotCall: .manager
        case .agenda, .listWorkflows, .showWorkflow, .listCampaigns, .showCampaign, .listWaves, .showWave,
            .listAdministrators, .showAdministrator, .listManagers, .showManager, .listViewers, .listDoNotCall,
            .reportManagers, .reportFunnel, .reportOffers, .reportForecast, .reportDaily,
            .reportUntouched, .reportNeglected, .reportLate, .exportSheets:
            .viewer
        case .assign, .reassign, .unassign, .createCampaign, .changeCampaignState, .changeCampaign,
            .addAudience, .removeAudience, .openWave, .addClient, .editClient, .importClients,
            .addAdministrator, .addManager, .editManager, .changeManagerActive,
            .removeDoNotCall, .importDoNotCall, .rebuildReports, .createToken, .listTokens, .revokeToken, .addViewer,
            .setPassword, .inviteAccount, .revokeAccount, .listAccounts, .previewMail, .listMail, .sendMail,
            .editAdministrator, .editViewer:
            .admin
        }
    }

    /// Whether it acts for one manager, and how the caller's own manager binds it.
    public var managerScope: ManagerScope {
        switch self {
        case .next, .recordOutcome, .release: .actsFor
        case .agenda: .readsFor
        default: .none
        }
    }

    public enum ManagerScope: Sendable, Equatable {
        /// Not about one manager.
        case none
        /// Works a manager's calls: a manager only their own; an administrator must name one.
        case actsFor
        /// Reads one manager's work: a manager only their own; others name any (or none).
        case readsFor
    }
}
