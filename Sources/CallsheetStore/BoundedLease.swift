import PostgresNIO

/// A pooled connection whose wait has a deadline.
///
/// `PostgresClient.withConnection` waits for a connection as long as it takes: while the
/// server cannot be reached the pool keeps retrying and the request stays queued, and in
/// PostgresNIO 1.33 a request can even be stranded for good when the connection serving
/// it dies (postgres-nio issue 657). Here the lease is taken in a child task and handed
/// to the use case, which runs in the calling task; a timer child ends the wait at the
/// deadline, and cancelling the group withdraws the queued request from the pool. The
/// connection stays leased by the child until the use case returns, then goes back.
enum BoundedLease {
    /// Thrown when no connection came within the deadline.
    struct Expired: Error {}

    static func with<R>(
        _ client: PostgresClient, timeout: Duration, _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        let (offers, offer) = AsyncThrowingStream<PostgresConnection, any Error>.makeStream()
        let (released, release) = AsyncStream<Void>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer {
                release.finish()
                group.cancelAll()
            }
            group.addTask {
                do {
                    try await client.withConnection { connection in
                        offer.yield(connection)
                        // Hold the lease until the use case is done with the connection.
                        for await _ in released {}
                    }
                } catch {
                    offer.finish(throwing: error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    offer.finish(throwing: Expired())
                } catch {
                    // Cancelled: the use case already has its connection, or gave up.
                }
            }
            var iterator = offers.makeAsyncIterator()
            guard let connection = try await iterator.next() else { throw CancellationError() }
            return try await body(connection)
        }
    }
}
