public import CallsheetDaemon
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for the daily e-mail's tests: aiosmtpd on loopback
/// (`Tests/Relay/smtp_relay.py`, Debian's `python3-aiosmtpd`, installed with apt-get on
/// first use like PostgreSQL), plain or with STARTTLS on a self-signed certificate and
/// AUTH. What it accepts is read back with Python's own e-mail parser, so the test checks
/// our MIME against an independent reader.
public struct SMTPRelay: Sendable {
    public let directory: String
    public let port: Int
    /// The self-signed certificate (PEM) when started with TLS: the client's `ca_file`.
    public let certificate: String?
    let pid: pid_t

    static let script: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/Relay/smtp_relay.py").path
    }()

    static let python = "/usr/bin/python3"

    /// Installs python3-aiosmtpd once per test process when it is missing (as root).
    static let installed = Task<Void, any Error> {
        if try await ExternalProgram.run(python, ["-c", "import aiosmtpd"]).succeeded { return }
        let aptGet = try ExternalProgram.locate("apt-get")
        FileHandle.standardError.write(Data("python3-aiosmtpd missing: apt-get install -y python3-aiosmtpd\n".utf8))
        var install = try await ExternalProgram.run("/usr/bin/env", ["DEBIAN_FRONTEND=noninteractive", aptGet, "install", "-y", "-qq", "python3-aiosmtpd"])
        if !install.succeeded {
            _ = try await ExternalProgram.run(aptGet, ["update", "-qq"])
            install = try await ExternalProgram.run("/usr/bin/env", ["DEBIAN_FRONTEND=noninteractive", aptGet, "install", "-y", "-qq", "python3-aiosmtpd"])
        }
        guard install.succeeded else { throw EmbeddedPostgresError("apt-get install -y python3-aiosmtpd failed: \(install.output)") }
    }

    /// Starts a relay; `tls` adds STARTTLS (required) with a certificate for `localhost`,
    /// `auth` requires that user and password, `reject` answers 550 for those recipients.
    /// `port` and `directory` restart a stopped relay where it was (its spool kept).
    public static func start(
        tls: Bool = false, auth: (user: String, password: String)? = nil, reject: [String] = [], port: Int? = nil, directory: String? = nil
    ) async throws -> SMTPRelay {
        try await installed.value
        let directory = directory ?? NSTemporaryDirectory() + "callsheet-relay-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var arguments = [script, "--spool", directory + "/spool"]
        var certificate: String?
        if tls {
            let cert = directory + "/cert.pem", key = directory + "/key.pem"
            if !FileManager.default.fileExists(atPath: cert) {
                let made = try await ExternalProgram.run(
                    try ExternalProgram.locate("openssl"),
                    [
                        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    ])
                guard made.succeeded else { throw EmbeddedPostgresError("openssl could not make a test certificate: \(made.output)") }
            }
            arguments += ["--tls-cert", cert, "--tls-key", key]
            certificate = cert
        }
        if let auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }
        for address in reject { arguments += ["--reject", address] }
        if let port { arguments += ["--port", String(port)] }
        let log = directory + "/relay-\(UUID().uuidString.prefix(4)).log"
        let pid = try ExternalProgram.spawn([python] + arguments, output: log)
        // Up to two minutes: on a loaded two-core CI machine Python, the TLS context and
        // aiosmtpd's thread can take long to start.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /READY (\d+)/), let ready = Int(match.output.1) {
                return SMTPRelay(directory: directory, port: ready, certificate: certificate, pid: pid)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid || text.contains("Traceback") {
                kill(pid, SIGKILL)
                throw EmbeddedPostgresError("the test SMTP relay did not start: \(text)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(pid, SIGKILL)
        throw EmbeddedPostgresError("the test SMTP relay did not start within 120 s: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }

    /// Stops the relay and waits until it is gone (its port refuses connections).
    public func stop() async {
        kill(pid, SIGTERM)
        let pid = self.pid
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                continuation.resume()
            }
        }
    }

    /// Stops it and removes its files.
    public func remove() async {
        await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every message accepted so far, as Python's e-mail package reads it.
    public func messages() async throws -> [RelayedMessage] {
        let spool = directory + "/spool"
        guard FileManager.default.fileExists(atPath: spool) else { return [] }
        let parsed = try await ExternalProgram.run(Self.python, [Self.script, "--parse", spool])
        guard parsed.succeeded else { throw EmbeddedPostgresError("parsing the relay's spool failed: \(parsed.output)") }
        return try JSONDecoder().decode([RelayedMessage].self, from: Data(parsed.output.utf8))
    }

    /// Waits until at least `count` messages are in (a scheduler sends on its own time).
    public func waitForMessages(_ count: Int, seconds: Int = 60) async throws -> [RelayedMessage] {
        for _ in 0..<(seconds * 4) {
            let messages = try await messages()
            if messages.count >= count { return messages }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await messages()
    }
}

/// One message as the relay took it: the envelope, headers decoded (RFC 2047) and raw,
/// and each MIME part decoded from its transfer encoding.
public struct RelayedMessage: Decodable, Sendable {
    public struct Part: Decodable, Sendable {
        public var type: String
        public var charset: String?
        public var encoding: String?
        public var text: String
    }

    public var file: String
    public var mailFrom: String
    public var rcptTo: String
    /// `yes` when the session was under TLS; `auth` is the user who signed in.
    public var tls: String
    public var auth: String?
    public var from: String
    public var to: String
    public var replyTo: String
    public var subject: String
    public var rawSubject: String
    public var messageID: String?
    public var contentType: String
    public var parts: [Part]

    enum CodingKeys: String, CodingKey {
        case file, tls, auth, from, to, subject, parts
        case mailFrom = "mail_from", rcptTo = "rcpt_to", replyTo = "reply_to", rawSubject = "raw_subject", messageID = "message_id", contentType = "content_type"
    }

    public func part(_ type: String) -> Part? { parts.first { $0.type == type } }
}
