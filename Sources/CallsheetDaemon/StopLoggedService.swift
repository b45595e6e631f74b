import Logging
import ServiceLifecycle

/// A service whose stop is written to the log — when it is asked to stop and when it has —
/// so a daemon whose shutdown is held up says which part holds it (the HTTP listener waits
/// for its open requests; nothing else in it logs).
struct StopLoggedService: Service {
    let name: String
    let service: any Service
    let logger: Logger

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await service.run()
        } onGracefulShutdown: {
            logger.notice("stopping", metadata: ["service": "\(name)"])
        }
        logger.notice("stopped", metadata: ["service": "\(name)"])
    }
}
