public import PostgresNIO

extension Database {
    /// The channel the triggers of schema 21 announce changes on.
    public static let eventsChannel = "callsheet_events"

    /// Listens on ``eventsChannel`` over a connection of its own (outside the pools: a
    /// listener holds its connection for as long as the daemon runs) and hands each
    /// notification's payload to `consume` until it returns or the connection fails.
    public func withChangeNotifications<R: Sendable>(_ consume: (PostgresNotificationSequence) async throws -> R) async throws -> R {
        let configuration = try url.connectionConfiguration(connectTimeout: connectTimeout)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1_000_000, logger: logger)
        do {
            let result = try await connection.listen(on: Self.eventsChannel) { try await consume($0) }
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
