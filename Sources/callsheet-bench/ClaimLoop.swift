import ArgumentParser
import AsyncHTTPClient
import CallsheetClient
import Foundation
import Histogram
import NIOCore

/// The call loop as managers drive it, for the benchmarks: each manager `next` then
/// `outcome` over and over for a while, through the console socket (one connection each)
/// or through the HTTP API (HTTP/1.1 keep-alive, an API token each).
enum ClaimLoop {
    struct Figures {
        var rate: Double
        /// Microseconds.
        var p50: UInt64
        var p99: UInt64
    }

    static func ms(_ micros: UInt64) -> String { String(format: "%.2f", Double(micros) / 1000) }

    /// One console connection per manager (`m<number>`).
    static func console(socket: String, managers: [Int], outcome: String, for duration: Duration) async throws -> Figures {
        try await measure(managers: managers, for: duration) { number, deadline, histogram in
            let manager = "m\(number)"
            try await ConsoleClient.withConnection(socketPath: socket) { console in
                while ContinuousClock.now < deadline {
                    let start = ContinuousClock.now
                    let claim = try await console.run("next --as \(manager)")
                    guard claim.isOK, let task = claim.field("task"), task != "none" else { throw ValidationError("next: \(claim.status)") }
                    let done = try await console.run("outcome \(task) \(outcome) --as \(manager)")
                    guard done.isOK else { throw ValidationError("outcome: \(done.status)") }
                    histogram.record(micros(since: start))
                }
            }
        }
    }

    /// Through the HTTP API: `POST /api/v1/next`, then `POST /api/v1/tasks/ID/outcome`, each
    /// manager signed in with its API token (`tokens[number]`), over `client`'s keep-alive
    /// connections.
    static func http(client: HTTPClient, base: String, tokens: [Int: String], managers: [Int], outcome: String, for duration: Duration) async throws -> Figures {
        try await measure(managers: managers, for: duration) { number, deadline, histogram in
            guard let token = tokens[number] else { throw ValidationError("no token for m\(number)") }
            while ContinuousClock.now < deadline {
                let start = ContinuousClock.now
                let claim = try await post(client, base + "/api/v1/next", token: token, json: nil)
                guard let task = (claim["task"] as? [String: Any])?["id"] as? Int else { throw ValidationError("next: \(claim)") }
                let done = try await post(client, base + "/api/v1/tasks/\(task)/outcome", token: token, json: #"{"outcome":"\#(outcome)"}"#)
                guard done["ok"] as? Bool == true else { throw ValidationError("outcome: \(done)") }
                histogram.record(micros(since: start))
            }
        }
    }

    private static func post(_ client: HTTPClient, _ url: String, token: String, json: String?) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
        guard response.status == .ok else { throw ValidationError("\(url): \(response.status.code) \(object)") }
        return object
    }

    private static func micros(since start: ContinuousClock.Instant) -> UInt64 {
        let elapsed = ContinuousClock.now - start
        return UInt64(elapsed.components.seconds) * 1_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000_000)
    }

    /// Runs `work` for every manager at once until the deadline; merges their latencies.
    private static func measure(
        managers: [Int], for duration: Duration,
        _ work: @escaping @Sendable (Int, ContinuousClock.Instant, inout Histogram<UInt64>) async throws -> Void
    ) async throws -> Figures {
        let started = ContinuousClock.now
        let deadline = started + duration
        let histograms = try await withThrowingTaskGroup(of: Histogram<UInt64>.self) { group in
            for number in managers {
                group.addTask {
                    var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
                    try await work(number, deadline, &histogram)
                    return histogram
                }
            }
            return try await group.reduce(into: [Histogram<UInt64>]()) { $0.append($1) }
        }
        var all = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for h in histograms { all.add(h) }
        return Figures(rate: Double(all.totalCount) / (ContinuousClock.now - started).seconds, p50: all.valueAtPercentile(50), p99: all.valueAtPercentile(99))
    }
}
