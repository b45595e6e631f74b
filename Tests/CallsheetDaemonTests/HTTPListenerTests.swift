import CallsheetDaemon
import CallsheetTestSupport
import Foundation
import Testing

/// The HTTP API's listener: where it listens, when it refuses to start, TLS, and the first
/// route (`/health`) through a real daemon and a real HTTP client (curl).
@Suite struct HTTPListenerTests {
    static func parse(_ yaml: String) throws(ConfigurationError) -> DaemonConfiguration {
        try DaemonConfiguration.parse(yaml: yaml, file: "test.yaml")
    }

    @Test func defaultsListenOnLoopbackPort8080() throws {
        let http = try Self.parse("").http
        #expect(http.host == "127.0.0.1" && http.port == 8080 && !http.usesTLS && http.isEnabled)
        #expect(try !Self.parse("http: {port: 0}").http.isEnabled)
    }

    @Test func aPublicAddressWithoutTLSIsRefusedUnlessAProxyTerminatesIt() throws {
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {host: 0.0.0.0}") }
        do {
            _ = try Self.parse("http: {host: 0.0.0.0}")
        } catch {
            #expect(error.message.hasPrefix("http.host 0.0.0.0 is not a loopback address and http.tls is not set"), "\(error)")
        }
        let proxied = try Self.parse("http: {host: 0.0.0.0, allow_plaintext: true, trusted_proxies: [10.0.0.1]}").http
        #expect(proxied.allowPlaintext && proxied.trustedProxies == ["10.0.0.1"])
        #expect(try Self.parse("http: {host: 0.0.0.0, tls: {certificate: c.pem, key: k.pem}}").http.usesTLS)
    }

    @Test func wrongKeysAndValuesNameTheKey() {
        #expect(throws: ConfigurationError("http.tls needs both certificate and key (PEM files); only certificate is given")) {
            try Self.parse("http: {tls: {certificate: c.pem}}")
        }
        #expect(throws: ConfigurationError("http.public_url \"calls.example.com\" is not an http(s) URL such as https://calls.example.com")) {
            try Self.parse("http: {public_url: calls.example.com}")
        }
        #expect(throws: ConfigurationError("http.trusted_proxies: \"proxy.local\" is not an IP address (such as 127.0.0.1 or ::1)")) {
            try Self.parse("http: {trusted_proxies: [10.0.0.1, proxy.local]}")
        }
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {prot: 80}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {port: 70000}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {allow_plaintext: maybe}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {password_cost: 4}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("http: {session: {idle_minutes: 0}}") }
    }

    static func freePort() -> Int { Int.random(in: 20_000...45_000) }

    static func curl(_ arguments: [String]) async throws -> (output: String, succeeded: Bool) {
        let result = try await ExternalProgram.run("/usr/bin/curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}"] + arguments)
        return (result.output, result.succeeded)
    }

    @Test func healthAnswersOverHTTPWithTheSchemaVersion() async throws {
        let port = Self.freePort()
        try await DaemonHarness.withDaemon(httpPort: port) { daemon in
            let answer = try await Self.curl(["http://127.0.0.1:\(port)/health"])
            #expect(answer.succeeded, "\(answer.output) \(daemon.log())")
            #expect(answer.output.hasSuffix("\n200"), "\(answer.output)")
            #expect(answer.output.contains(#""schema_version":"#) && answer.output.contains(#""status":"ok""#), "\(answer.output)")
        }
    }

    @Test func withACertificateTheListenerSpeaksOnlyTLS() async throws {
        let port = Self.freePort()
        let dir = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try await ExternalProgram.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
            ])
        try #require(made.succeeded, "\(made.output)")
        let config = "http: {tls: {certificate: \(dir)/cert.pem, key: \(dir)/key.pem}}\n"
        try await DaemonHarness.withDaemon(config: config, httpPort: port) { daemon in
            let secure = try await Self.curl(["--cacert", dir + "/cert.pem", "https://127.0.0.1:\(port)/health"])
            #expect(secure.output.hasSuffix("\n200"), "\(secure.output) \(daemon.log())")
            let plain = try await Self.curl(["http://127.0.0.1:\(port)/health"])
            #expect(!plain.output.hasSuffix("\n200"), "plain HTTP must not be answered on the TLS port: \(plain.output)")
            // A session over TLS: the cookie is Secure.
            #expect(try await DaemonHarness.run("admin add ewa --name Ewa", on: daemon).isOK)
            #expect(try await WebAccountTests.setPassword("ewa", WebAccountTests.password, on: daemon).isOK)
            let login = try await Self.curl([
                "--cacert", dir + "/cert.pem", "-i", "-H", "Content-Type: application/json", "-H", "Origin: https://127.0.0.1:\(port)",
                "--data-binary", #"{"login":"ewa","password":"\#(WebAccountTests.password)"}"#, "https://127.0.0.1:\(port)/api/v1/login",
            ])
            let cookie = login.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: callsheet_session=") } ?? ""
            #expect(login.output.hasSuffix("\n200") && cookie.contains("; Secure") && cookie.contains("HttpOnly"), "\(login.output)")
        }
    }
}
