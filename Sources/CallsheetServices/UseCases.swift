import CallsheetDomain
package import CallsheetStore

/// Every use case of Callsheet over one database: what the console and the HTTP API both
/// call, so a rule lives once. Built by the daemon (and tests) inside the package — the
/// database handle is not part of the public surface the front-ends see.
public struct UseCases: Sendable {
    public var directory: DirectoryService
    public var clients: ClientService
    public var imports: ClientImportService
    public var doNotCall: DoNotCallService
    public var campaigns: CampaignService
    public var waves: WaveService
    public var assignments: AssignmentService
    public var calls: CallService
    public var reports: ReportService
    public var tokens: TokenService
    public var accounts: AccountService
    public var mail: MailService
    public var webSessions: WebSessionStore
    /// Live changes for the screens (fed by the daemon's database listener).
    public let changes: ChangeEventHub

    /// All use cases over one database, with the directory, campaign and call settings;
    /// `mailTransport` is how the daily e-mail leaves (none: previews only).
    package init(
        database: Database, settings: DirectorySettings, campaignSettings: CampaignSettings = CampaignSettings(),
        callSettings: CallSettings = CallSettings(), accountSettings: AccountSettings = AccountSettings(), mailSettings: MailSettings = MailSettings(),
        mailTransport: (any MailTransport)? = nil
    ) {
        let signIns = SignInCache()
        self.directory = DirectoryService(database: database, settings: settings, signIns: signIns)
        self.clients = ClientService(database: database, settings: settings)
        self.imports = ClientImportService(database: database, settings: settings)
        self.doNotCall = DoNotCallService(database: database, settings: settings)
        self.campaigns = CampaignService(database: database, settings: campaignSettings, defaultZone: settings.defaultCountry.timeZone)
        self.waves = WaveService(database: database, settings: campaignSettings)
        self.assignments = AssignmentService(database: database, settings: campaignSettings, defaultZone: settings.defaultCountry.timeZone)
        self.calls = CallService(database: database, campaignSettings: campaignSettings, settings: callSettings, defaultZone: settings.defaultCountry.timeZone)
        self.reports = ReportService(database: database, settings: campaignSettings)
        self.tokens = TokenService(database: database, signIns: signIns)
        self.accounts = AccountService(database: database, settings: accountSettings, signIns: signIns)
        self.webSessions = WebSessionStore(database: database)
        self.mail = MailService(database: database, calls: calls, reports: reports, settings: mailSettings, transport: mailTransport)
        self.changes = ChangeEventHub(database: database)
    }
}
