import Logging
import ServiceLifecycle

/// Keeps the embedded cluster's lifetime inside the service group: it is the first service,
/// so it is shut down last — after the console has answered its last command and the pool
/// has closed — and it also stops the cluster when start-up fails and the group is cancelled.
struct EmbeddedPostgresService: Service {
    let cluster: EmbeddedPostgres
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await cluster.stop(logger: logger)
    }
}
