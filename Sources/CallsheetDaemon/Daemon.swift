import CallsheetConsole
import CallsheetDomain
import CallsheetHTTP
import CallsheetServices
import CallsheetStore
import Foundation
public import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// callsheetd: state directory, database (embedded or external), migrations, console.
///
/// Every long-running part is a `Service` in one `ServiceGroup`, in this order: embedded
/// PostgreSQL, connection pool, console, HTTP API (unless `http.port: 0`), scheduler. The
/// group shuts them down in reverse, which is exactly the order a clean stop needs.
public struct Daemon: Sendable {
    public let configuration: DaemonConfiguration

    public init(configuration: DaemonConfiguration) {
        self.configuration = configuration
    }

    /// Runs until SIGTERM/SIGINT (when `handleSignals`) or until the task is cancelled.
    public func run(logger: Logger, handleSignals: Bool = true) async throws {
        let config = configuration
        let startedAt = Date()
        let embeddedOwnerGroup: UInt32? =
            config.database.url == nil && geteuid() == 0
            ? OSAccounts.user(named: config.embedded.osUser)?.gid : nil
        try WorkflowFile.checkAtStart(directory: config.workflowsDirectory, logger: logger)
        let socket = try ConsoleSocketPath(path: config.socketPath, groupName: config.console.socketGroup)
        let stateDirectory = try StateDirectory(path: config.stateDirectory, groupID: socket.groupID ?? embeddedOwnerGroup)
        try socket.prepare()

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let url: DatabaseURL
        let location: String
        if let text = config.database.url {
            do { url = try DatabaseURL(parsing: text) } catch { throw ConfigurationError("database.url: \(error.message)") }
            location = url.redacted
        } else {
            let binaries = try PostgresBinaries.locate(configured: config.embedded.binDirectory)
            let embedded = try EmbeddedPostgres(
                options: .init(
                    home: (stateDirectory.path as NSString).appendingPathComponent("postgres"),
                    binaries: binaries, osUser: config.embedded.osUser, port: config.embedded.port,
                    serverSettings: config.embedded.serverSettings
                ), logger: logger)
            try await embedded.start(logger: logger)
            url = embedded.url()
            location = "embedded \(embedded.home)"
            services.append(.init(service: EmbeddedPostgresService(cluster: embedded, restartAttempts: config.embedded.restartAttempts, logger: logger)))
        }

        let database = Database(
            url: url, location: location, maximumConnections: config.database.maximumConnections,
            connectTimeout: .seconds(config.database.connectTimeoutSeconds), timeouts: config.database.timeouts, logger: logger
        )
        services.append(.init(service: database))
        let registry = ConnectionRegistry(
            maximumTotal: config.console.maximumConnections, maximumPerUID: config.console.maximumConnectionsPerUID,
            reservedForAdministrators: config.console.reservedAdminConnections
        )
        let health = HealthCheck(database: database)
        let campaignSettings = CampaignSettings(
            workflows: WorkflowFile.source(directory: config.workflowsDirectory), globalHolidays: config.calendar.holidays,
            timeZone: config.calendar.timeZone.flatMap(TimeZone.init(identifier:)) ?? .current
        )
        let mailTransport: (any MailTransport)?
        if let smtp = config.smtp {
            mailTransport = try SMTPTransport(settings: smtp)
        } else {
            mailTransport = config.mail.sendmail.map { SendmailTransport(program: $0) }
        }
        let consoleServices = UseCases(
            database: database, settings: config.directory, campaignSettings: campaignSettings, callSettings: config.calls,
            accountSettings: AccountSettings(publicURL: config.http.siteURL, bcryptCost: UInt8(config.http.passwordCost)),
            mailSettings: {
                var mail = config.mail
                mail.publicURL = config.http.siteURL
                return mail
            }(), mailTransport: mailTransport)
        let environment = ConsoleEnvironment(
            limits: SessionLimits(
                maximumPayloadBytes: config.console.maximumPayloadBytes, maximumLineBytes: config.console.maximumLineBytes,
                commandTimeout: .seconds(config.console.commandTimeoutSeconds), bulkCommandTimeout: .seconds(config.console.bulkCommandTimeoutSeconds)
            ),
            status: {
                let probe = await health.run(logger: logger)
                return DaemonStatus(
                    version: CallsheetVersion.current, pid: getpid(), startedAt: startedAt, database: location,
                    databaseReachable: probe.reachable, databaseProblem: probe.problem, schemaVersion: probe.schemaVersion,
                    poolInUse: database.connectionsInUse, poolMaximum: database.maximumConnections,
                    connections: registry.total, connectionLimit: registry.maximumTotal
                )
            },
            logger: logger,
            services: consoleServices
        )
        let server = ConsoleServer(
            settings: .init(socket: socket, console: config.console, roles: config.roles),
            commands: CommandTable(CallsheetConsoleCommands.all), registry: registry, logger: logger,
            environment: environment,
            beforeListening: {
                let outcome = try await SchemaMigrator().migrate(database, logger: logger)
                logger.info("database schema ready", metadata: ["version": "\(outcome.currentVersion)", "applied": "\(outcome.applied)", "database": "\(location)"])
                for unusable in try await database.transaction({ tx in try await tx.recheckClientZones() }) {
                    logger.warning(
                        "client time zone is not usable; the claim skips these clients until their zone is a place name (client edit ID --timezone Area/City)",
                        metadata: ["zone": "\(unusable.zone)", "clients": "\(unusable.clients)"])
                }
            }
        )
        services.append(.init(service: server))
        if config.http.isEnabled {
            let http = config.http
            let frontEndSettings = HTTPFrontEnd.Settings(
                publicURL: http.publicURL, usesTLS: http.usesTLS, trustedProxies: http.trustedProxies,
                sessionIdle: .seconds(http.sessionIdleMinutes * 60), sessionLifetime: .seconds(http.sessionLifetimeHours * 3_600))
            let metrics = MetricsExport.shared
            let hub = consoleServices.changes
            let frontEnd = HTTPFrontEnd(
                version: CallsheetVersion.current, useCases: consoleServices, settings: frontEndSettings,
                metrics: {
                    metrics.text(
                        poolInUse: database.connectionsInUse, poolMaximum: database.maximumConnections, consoleConnections: registry.total,
                        eventStreams: hub.count)
                }
            ) {
                let probe = await health.run(logger: logger)
                return .init(databaseReachable: probe.reachable, schemaVersion: probe.schemaVersion, problem: probe.problem)
            }
            services.append(
                .init(
                    service: StopLoggedService(
                        name: "http listener", service: try HTTPListener.application(settings: config.http, frontEnd: frontEnd, logger: logger), logger: logger)))
            services.append(.init(service: ChangeListener(database: database, hub: consoleServices.changes, logger: logger)))
        }
        services.append(
            .init(
                service: Scheduler(
                    campaigns: consoleServices.campaigns, waves: consoleServices.waves, calls: consoleServices.calls,
                    webSessions: consoleServices.webSessions, settings: campaignSettings,
                    interval: .seconds(config.schedulerIntervalSeconds), logger: logger
                )))
        if let mailTransport {
            services.append(
                .init(
                    service: MailScheduler(
                        mail: consoleServices.mail, transport: mailTransport, interval: .seconds(config.mail.intervalSeconds), logger: logger)))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                logger: logger
            ))
        try await group.run()
        withExtendedLifetime(stateDirectory) {}
    }
}
