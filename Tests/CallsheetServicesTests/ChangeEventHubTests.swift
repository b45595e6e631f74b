import CallsheetDomain
import CallsheetServices
import CallsheetTestSupport
import Testing

/// The hub ends every open stream when the daemon stops, and a screen that reconnects while
/// it stops gets a stream that has already ended — or the HTTP server's graceful shutdown
/// would wait for that stream forever.
@Suite struct ChangeEventHubTests {
    @Test func streamsEndWhenTheHubClosesAndLaterOnesAreEndedAtOnce() async throws {
        try await TestDatabase.with { database, _ in
            let hub = ChangeEventHub(database: database)
            let admin = Caller.account("ewa", role: .admin)
            let open = try await hub.subscribe(as: admin)
            #expect(hub.count == 1)
            #expect(hub.finishAll() == 1)
            var iterator = open.makeAsyncIterator()
            #expect(await iterator.next() == nil, "the open stream ends")
            let late = try await hub.subscribe(as: admin)
            var lateIterator = late.makeAsyncIterator()
            #expect(await lateIterator.next() == nil, "a stream asked for while stopping has already ended")
            #expect(hub.publish(ChangeEvent(payload: #"{"kind":"wave","campaign":"seminar","team":"ewa","week":"2026-W50"}"#)!) == 0)
        }
    }
}
