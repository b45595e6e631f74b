import ArgumentParser
import AsyncHTTPClient
import CallsheetDaemon
import CallsheetTestSupport
import Foundation
import NIOCore
import Synchronization

/// `callsheet-bench http-claim`: the call loop through the HTTP API (`POST /next`, then
/// `POST /tasks/ID/outcome`, HTTP/1.1 keep-alive, an API token per manager) next to the
/// same loop through the console socket, level by level in the same run; then
/// `--streams` open server-sent event streams: the daemon's memory with them open, and how
/// long one outcome takes to reach every one of them.
struct HTTPClaimBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "http-claim", abstract: "The call loop over HTTP against the console; event streams.")

    @Option(help: "Pending tasks (one client each).")
    var tasks = 200_000

    @Option(help: "Managers in the team.")
    var managers = 400

    @Option(parsing: .upToNextOption, help: "Concurrent managers to measure (each level on both paths).")
    var concurrency = [8, 32, 64]

    @Option(help: "Seconds per measurement.")
    var seconds = 10

    @Option(help: "Open event streams to measure (0: none).")
    var streams = 1000

    @Option(help: "The HTTP port of the benchmark daemon.")
    var port = 18_480

    @Option(help: "Workflow files (the repository's Config/workflows when run from the checkout).")
    var workflows = "Config/workflows"

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-http"

    func run() async throws {
        // Managers 1–4 and 5–8 warm the two paths up, each level takes fresh ones on both
        // paths, and one more records the outcome the event streams wait for.
        let busy = 8 + concurrency.reduce(0, +) * 2 + 1
        guard busy <= managers else { throw ValidationError("--concurrency levels need \(busy) managers (each level twice); raise --managers") }
        try freshScratchDirectory(scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let workflowsPath = URL(fileURLWithPath: workflows).standardizedFileURL.path
        let config =
            "workflows_dir: \(workflowsPath)\ncalls:\n  min_gap_minutes: 0\ndatabase:\n  max_connections: 40\nconsole:\n  max_connections_per_uid: 200\n"
        try await BenchDaemon.with(scratch: scratch, configYAML: config, httpPort: port) { bench in
            try await bench.seedCallQueue(tasks: tasks, managers: managers, busyManagers: busy)
            var tokens: [Int: String] = [:]
            for number in 1...busy {
                let (reply, _) = try await bench.console("token create m\(number) --name bench")
                tokens[number] = reply.field("token")
            }
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(64, streams + 8))
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            do {
                try await measure(bench, client: client, tokens: tokens)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    private func measure(_ bench: BenchDaemon, client: HTTPClient, tokens: [Int: String]) async throws {
        let base = "http://127.0.0.1:\(port)"
        let socket = bench.daemon.socketPath
        // Warm-up (not timed), then statistics, as in `claim`.
        _ = try await ClaimLoop.console(socket: socket, managers: [1, 2, 3, 4], outcome: "refused", for: .seconds(2))
        _ = try await ClaimLoop.http(client: client, base: base, tokens: tokens, managers: [5, 6, 7, 8], outcome: "refused", for: .seconds(2))
        try await bench.sql("VACUUM ANALYZE")
        print("callsheet-bench http-claim — \(tasks) pending tasks, \(seconds) s per measurement")
        print("| managers | console pairs/s | p50 / p99 ms | HTTP pairs/s | p50 / p99 ms | HTTP / console | p99 ratio |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        var next = 9
        for level in concurrency {
            let consoleManagers = Array(next..<(next + level))
            let httpManagers = Array((next + level)..<(next + 2 * level))
            next += 2 * level
            let console = try await ClaimLoop.console(socket: socket, managers: consoleManagers, outcome: "refused", for: .seconds(seconds))
            let http = try await ClaimLoop.http(client: client, base: base, tokens: tokens, managers: httpManagers, outcome: "refused", for: .seconds(seconds))
            print(
                "| \(level) | \(Int(console.rate)) | \(ClaimLoop.ms(console.p50)) / \(ClaimLoop.ms(console.p99)) | \(Int(http.rate)) | "
                    + "\(ClaimLoop.ms(http.p50)) / \(ClaimLoop.ms(http.p99)) | \(String(format: "%.2f", http.rate / console.rate)) | "
                    + "\(String(format: "%.2f", Double(http.p99) / Double(max(console.p99, 1)))) |")
        }
        print("daemon RSS after the call loop \((bench.daemon.residentKiB() ?? 0) / 1024) MiB")
        if streams > 0 { try await measureStreams(bench, client: client, base: base, tokens: tokens, managers: next) }
    }

    /// Opens `streams` event streams (an administrator's token: every event concerns them),
    /// records one outcome on the console, and times its arrival on every stream.
    private func measureStreams(_ bench: BenchDaemon, client: HTTPClient, base: String, tokens: [Int: String], managers next: Int) async throws {
        let (made, _) = try await bench.console("token create ewa --name streams")
        guard let token = made.field("token") else { throw ValidationError("no token: \(made.status)") }
        let before = bench.daemon.residentKiB() ?? 0
        let arrivals = StreamArrivals(count: streams)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<streams {
                group.addTask {
                    var request = HTTPClientRequest(url: base + "/api/v1/events")
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    let response = try await client.execute(request, timeout: .seconds(120))
                    arrivals.opened()
                    var text = ""
                    for try await chunk in response.body {
                        text += String(buffer: chunk)
                        if text.contains("event: outcome") {
                            arrivals.arrived(index)
                            return
                        }
                    }
                }
            }
            let openDeadline = ContinuousClock.now + .seconds(60)
            while arrivals.openCount < streams, ContinuousClock.now < openDeadline { try await Task.sleep(for: .milliseconds(50)) }
            try await Task.sleep(for: .milliseconds(500))
            let open = bench.daemon.residentKiB() ?? 0
            let (claim, _) = try await bench.console("next --as m\(next)")
            guard let task = claim.field("task") else { throw ValidationError("next: \(claim.status)") }
            let recorded = ContinuousClock.now
            try await bench.console("outcome \(task) refused --as m\(next)")
            let arrivalDeadline = recorded + .seconds(30)
            while arrivals.arrivedCount < arrivals.openCount, ContinuousClock.now < arrivalDeadline { try await Task.sleep(for: .milliseconds(5)) }
            let last = ContinuousClock.now - recorded
            print(
                "event streams: \(arrivals.openCount) open; daemon RSS \(before / 1024) MiB before, \(open / 1024) MiB with them open; "
                    + "one outcome reached \(arrivals.arrivedCount) of them, the last after \(String(format: "%.0f", last.seconds * 1000)) ms")
            group.cancelAll()
        }
    }
}

/// Counts event streams opened and events arrived, from many tasks.
final class StreamArrivals: Sendable {
    private let state: Mutex<(opened: Int, arrived: Int)>

    init(count: Int) { state = Mutex((0, 0)) }

    func opened() { state.withLock { $0.opened += 1 } }
    func arrived(_ index: Int) { state.withLock { $0.arrived += 1 } }
    var openCount: Int { state.withLock { $0.opened } }
    var arrivedCount: Int { state.withLock { $0.arrived } }
}
