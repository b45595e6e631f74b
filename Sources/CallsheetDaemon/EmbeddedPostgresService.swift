import Logging
import ServiceLifecycle

/// Keeps the embedded cluster alive for the daemon's lifetime, and stops it last.
///
/// It is the first service of the group, so it is shut down last — after the console has
/// answered its last command and the pools have closed — and it also stops the cluster
/// when start-up fails and the group is cancelled.
///
/// While the daemon runs it watches the postmaster. A postmaster that exits without being
/// asked to (a crash, `kill -9`, the OOM killer) is started again, which is PostgreSQL's
/// normal crash recovery: committed work is replayed from the write-ahead log (the embedded
/// cluster is durable). Meanwhile commands answer `ERR UNAVAILABLE` and the pools reconnect
/// by themselves. Starts are retried after 1, 2, 4 … 30 s (backends orphaned by the crash
/// may hold the shared memory for a moment); after `restartAttempts` failures in a row the
/// service throws, the daemon exits non-zero, and its supervisor (systemd) takes over.
struct EmbeddedPostgresService: Service {
    let cluster: EmbeddedPostgres
    var restartAttempts = 10
    let logger: Logger
    var pollInterval: Duration = .milliseconds(500)

    struct GaveUp: Error, CustomStringConvertible {
        let attempts: Int
        let lastProblem: String
        var description: String {
            "the embedded PostgreSQL died and did not start again after \(attempts) attempts; last: \(lastProblem)"
        }
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.supervise() }
        } catch is CancellationError {
            // Graceful shutdown (or the group was cancelled): stop the cluster below.
        } catch {
            await cluster.stop(logger: logger)
            throw error
        }
        await cluster.stop(logger: logger)
    }

    private func supervise() async throws {
        while true {
            try await Task.sleep(for: pollInterval)
            guard !cluster.postmasterIsAlive() else { continue }
            logger.error(
                "the embedded PostgreSQL stopped without being asked to; starting it again (crash recovery)",
                metadata: ["data": "\(cluster.dataDirectory)", "log": "\(cluster.logFile)"])
            try await restartWithBackoff()
        }
    }

    private func restartWithBackoff() async throws {
        var lastProblem = ""
        for attempt in 1...restartAttempts {
            let delay = Self.backoff(attempt: attempt)
            try await Task.sleep(for: delay)
            if cluster.postmasterIsAlive() { return }
            do {
                try await cluster.restart(logger: logger)
                logger.notice("the embedded PostgreSQL is running again", metadata: ["attempt": "\(attempt)"])
                return
            } catch {
                lastProblem = "\(error)"
                logger.warning(
                    "the embedded PostgreSQL did not start again; retrying", metadata: ["attempt": "\(attempt)", "of": "\(restartAttempts)", "problem": "\(lastProblem)"])
            }
        }
        throw GaveUp(attempts: restartAttempts, lastProblem: lastProblem)
    }

    /// 1, 2, 4, 8, 16, 30, 30 … seconds.
    static func backoff(attempt: Int) -> Duration {
        .seconds(min(30, 1 << min(attempt - 1, 5)))
    }
}
