package import CallsheetStore
package import Logging

/// The `status` use case's database half: is PostgreSQL reachable, and at which schema?
///
/// Bounded in time: a down database must make `status` say so quickly, not hang the
/// console for the pool's connect timeout.
public struct HealthCheck: Sendable {
    let database: Database
    public let timeout: Duration

    package init(database: Database, timeout: Duration = .seconds(3)) {
        self.database = database
        self.timeout = timeout
    }

    package func run(logger: Logger) async -> StoreProbe.Result {
        let timeout = self.timeout
        let database = self.database
        return await withTaskGroup(of: StoreProbe.Result?.self) { group in
            group.addTask { await StoreProbe.probe(database, logger: logger) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first, first.reachable { return first }
            // The pool only knows that it has no connection; a direct attempt names the cause.
            let cause = await database.probeServer()
            return StoreProbe.Result(
                reachable: false, schemaVersion: nil,
                problem: cause ?? first?.problem ?? "no answer from the database within \(timeout.components.seconds) s"
            )
        }
    }
}
