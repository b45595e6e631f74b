import CallsheetServices
import CallsheetStore
import Logging
import ServiceLifecycle

/// Listens to the database's `callsheet_events` channel and passes every change on to the
/// live screens of this daemon (``ChangeEventHub``). A lost connection (database restart,
/// failover) is retried every ``retryInterval``; while it is down screens merely miss
/// hints — they still read the truth when they reload. Runs after the HTTP listener in the
/// service group, so it stops first and ends the event streams (``ChangeEventHub/finishAll()``).
struct ChangeListener: Service {
    let database: Database
    let hub: ChangeEventHub
    let logger: Logger
    var retryInterval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // The console server applies migrations first; the first attempts may find no
            // channel's triggers yet, which is harmless (LISTEN needs none).
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await database.withChangeNotifications { notifications in
                        if failures > 0 { logger.notice("listening for changes again", metadata: ["after_failures": "\(failures)"]) }
                        failures = 0
                        for try await notification in notifications {
                            hub.publish(payload: notification.payload)
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    failures += 1
                    if failures == 1 || failures % 60 == 0 {
                        logger.warning("cannot listen for changes; live screens get no hints until it can", metadata: ["error": "\(error)"])
                    }
                }
                try? await Task.sleep(for: retryInterval)
            }
        }
        // Stopping: end the open event streams before the HTTP server (started before this
        // service, so stopped after it) waits for its requests to finish.
        let ended = hub.finishAll()
        logger.notice("change listener stopped; event streams ended", metadata: ["streams": "\(ended)"])
    }
}
