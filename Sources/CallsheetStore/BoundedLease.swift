import CallsheetDomain
import PostgresNIO

/// A pooled connection whose wait has a deadline — and never waits on the pool to give up.
///
/// `PostgresClient.withConnection` waits for a connection as long as it takes: while the
/// server cannot be reached the pool keeps retrying and the request stays queued, and in
/// PostgresNIO 1.33 a request can even be stranded for good when the connection serving
/// it dies (postgres-nio issue 657) — stranded so that cancelling it does not end the wait
/// either (a test of ours hung that way inside a task group). So the lease is taken in a
/// task of its own, which hands the connection to the use case running in the calling
/// task and holds the lease until the use case is done. The caller waits only for the
/// hand-over or the deadline, whichever comes first; at the deadline it cancels the lease
/// task and goes on without waiting for it. A connection that arrives later is given
/// straight back.
enum BoundedLease {
    /// Thrown when no connection came within the deadline.
    struct Expired: Error {}

    static func with<R>(
        _ client: PostgresClient, timeout: Duration, _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        let (offers, offer) = AsyncThrowingStream<PostgresConnection, any Error>.makeStream()
        let (released, release) = AsyncStream<Void>.makeStream()
        let lease = Task {
            do {
                try await client.withConnection { connection in
                    offer.yield(connection)
                    // Hold the lease until the use case is done with the connection (or
                    // at once, when it gave up before the connection came).
                    for await _ in released {}
                }
            } catch {
                offer.finish(throwing: error)
            }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            offer.finish(throwing: Expired())
        }
        defer {
            release.finish()
            timer.cancel()
            lease.cancel()
        }
        var iterator = offers.makeAsyncIterator()
        guard let connection = try await iterator.next() else { throw CancellationError() }
        offer.finish()
        return try await body(connection)
    }
}
