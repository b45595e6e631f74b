import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// `GET /api/v1/events`: server-sent events announcing the changes that concern the caller
/// (``ChangeEvent``: a call recorded in their team, calls assigned to them, a wave opened),
/// fed by PostgreSQL `LISTEN/NOTIFY` so a change made through any daemon arrives. Events
/// are hints; pages read state again. A comment line every ``keepAliveInterval`` keeps
/// proxies from closing an idle stream.
extension HTTPFrontEnd {
    static let keepAliveInterval: Duration = .seconds(15)

    enum EventStreamItem: Sendable {
        case event(ChangeEvent)
        case keepAlive
    }

    func addEventRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("events") { _, context -> Response in
            let events = try await useCases.changes.subscribe(as: try Self.caller(context))
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            headers[.init("X-Accel-Buffering")!] = "no"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    let (items, continuation) = AsyncStream<EventStreamItem>.makeStream()
                    let forward = Task {
                        for await event in events { continuation.yield(.event(event)) }
                        continuation.finish()
                    }
                    let ticker = Task {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: Self.keepAliveInterval)
                            continuation.yield(.keepAlive)
                        }
                    }
                    defer {
                        forward.cancel()
                        ticker.cancel()
                    }
                    try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
                    for await item in items {
                        switch item {
                        case .keepAlive: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        case .event(let event): try await writer.write(ByteBuffer(string: Self.serverSentEvent(event)))
                        }
                    }
                    try await writer.finish(nil)
                })
        }
    }

    /// `event: outcome` and the event as one line of JSON.
    static func serverSentEvent(_ event: ChangeEvent) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: \(event.kind.rawValue)\ndata: \(json)\n\n"
    }
}
