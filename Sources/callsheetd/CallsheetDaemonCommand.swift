import ArgumentParser
import CallsheetDaemon
import CallsheetDomain
import Foundation
import Logging

/// `callsheetd [--config FILE] [--state-dir DIR]` — the Callsheet daemon.
struct CallsheetDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callsheetd",
        abstract: "Callsheet: the back office for outbound calling campaigns.",
        discussion: """
            With no database URL (database.url in the config or CALLSHEET_DATABASE_URL) it starts \
            its own PostgreSQL cluster under STATE_DIR/postgres. It serves the console on \
            STATE_DIR/console.sock (or console.socket / CALLSHEET_SOCKET). SIGTERM or SIGINT stop it cleanly.
            """,
        version: CallsheetVersion.current
    )

    @Option(name: .long, help: ArgumentHelp("YAML configuration file (see Config/callsheet.example.yaml).", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("State directory: embedded cluster, console socket, lock. Default ./.callsheet", valueName: "DIR"))
    var stateDir: String?

    func run() async throws {
        var configuration: DaemonConfiguration
        do {
            configuration = try config.map { path throws(ConfigurationError) in try DaemonConfiguration.load(file: path) } ?? DaemonConfiguration()
            try configuration.applyEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("callsheetd: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if let stateDir { configuration.stateDirectory = stateDir }

        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "callsheetd")
        logger.notice("callsheetd starting", metadata: ["version": "\(CallsheetVersion.current)", "pid": "\(ProcessInfo.processInfo.processIdentifier)"])
        do {
            try await Daemon(configuration: configuration).run(logger: logger)
        } catch let error as ConfigurationError {
            logger.critical("callsheetd cannot start", metadata: ["problem": "\(error.message)"])
            FileHandle.standardError.write(Data("callsheetd: \(error.message)\n".utf8))
            throw ExitCode(2)
        } catch {
            logger.critical("callsheetd stopped on an error", metadata: ["problem": "\(error)"])
            FileHandle.standardError.write(Data("callsheetd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        logger.notice("callsheetd stopped")
    }
}
