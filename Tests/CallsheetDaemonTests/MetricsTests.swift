import CallsheetTestSupport
import Foundation
import Testing

/// `GET /metrics` through a real daemon: Prometheus text that parses, with the requests by
/// route and status, their latency histograms, the call loop's counters and the pool; open
/// to this host, and to other hosts only with a `metrics` token.
@Suite struct MetricsTests {
    /// Every line is a comment (`# HELP`/`# TYPE`) or `name{label="value",…} number`.
    static func problems(in text: String) -> [String] {
        let sample = #/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+]?([0-9.eE+-]+|Inf|NaN)$/#
        return text.split(separator: "\n").map(String.init).filter { line in
            !(line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") || line.wholeMatch(of: sample) != nil)
        }
    }

    @Test func metricsParseAsPrometheusTextAndNeedATokenFromElsewhere() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: "http: {trusted_proxies: [127.0.0.1]}\n", httpPort: port) { daemon in
            for line in ["admin add ewa --name Ewa", "manager add anna --name Anna --team ewa", "next --as anna"] {
                let reply = try await DaemonHarness.run(line, on: daemon)
                #expect(reply.isOK, "\(line): \(reply.status)")
            }
            let web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            _ = try await web.send("GET", "/api/v1/me")
            let local = try await web.send("GET", "/metrics", origin: nil)
            #expect(local.status == 200 && local.headers.contains("text/plain; version=0.0.4"), "\(local.status) \(local.headers)")
            #expect(Self.problems(in: local.body) == [], "lines that are not Prometheus text")
            for needle in [
                #"hb_requests{http_route="/api/v1/me",http_request_method="GET",http_response_status_code="401"} 1"#,
                "http_server_request_duration_bucket{", #"callsheet_claims_total{result="none"} 1"#, "callsheet_db_connections_max ",
                "callsheet_console_connections ", "callsheet_event_streams 0",
            ] {
                #expect(local.body.contains(needle), "\(needle) in:\n\(local.body.prefix(3_000))")
            }

            let forwarded = "X-Forwarded-For: 203.0.113.9"
            let remote = try await web.send("GET", "/metrics", origin: nil, extraHeaders: [forwarded])
            #expect(remote.status == 401, "a request forwarded for another host needs a token: \(remote)")
            let apiToken = try #require(try await DaemonHarness.run("token create ewa --name api", on: daemon).field("token"))
            let withAPIToken = try await web.send("GET", "/metrics", token: apiToken, origin: nil, extraHeaders: [forwarded])
            #expect(withAPIToken.status == 403, "an API token is not a metrics token: \(withAPIToken)")
            let made = try await DaemonHarness.run("token create ewa --name prometheus --scope metrics", on: daemon)
            let metricsToken = try #require(made.field("token"), "\(made.status)")
            #expect(made.field("scope") == "metrics")
            #expect(try await web.send("GET", "/metrics", token: metricsToken, origin: nil, extraHeaders: [forwarded]).status == 200)
            let signIn = try await web.send("GET", "/api/v1/me", token: metricsToken, origin: nil)
            #expect(signIn.status == 401, "a metrics token signs no one in: \(signIn)")
            #expect(try await DaemonHarness.run("token create ewa --name x --scope admin", on: daemon).errorCode == "INVALID")
        }
    }
}
