import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP client conversation (RFC 5321) on a SwiftNIO channel: greeting, `EHLO`,
/// `STARTTLS` or TLS from the start, `AUTH PLAIN` or `LOGIN`, one message, `QUIT`. There
/// is no maintained SMTP client among the Swift server packages, and the part the daily
/// e-mail needs is this small. Every line sent and received is kept in ``transcript``
/// (credentials masked) for `mail test` and for the outbox's error text.
struct SMTPConversation {
    private let channel: any Channel
    private let settings: SMTPSettings
    private let tls: NIOSSLContext?
    private(set) var transcript: [String] = []

    /// Sends `message` (RFC 5322 text with CRLF lines) from `from` to `to`; answers the
    /// server's `250` after the data, or throws why not. The transcript is handed to
    /// `record` whatever happens.
    static func deliver(
        _ message: String, from: String, to: String, settings: SMTPSettings, tls: NIOSSLContext?, record: (([String]) -> Void)? = nil
    ) async throws -> SMTPReply {
        var conversation = try await open(settings: settings, tls: tls)
        defer {
            record?(conversation.transcript)
            conversation.channel.close(promise: nil)
        }
        do {
            try await conversation.greetAndSecure()
            try await Self.expect(conversation.command("MAIL FROM:<\(from)>"), 250, during: "MAIL FROM")
            try await Self.expect(conversation.command("RCPT TO:<\(to)>"), 250, 251, during: "RCPT TO <\(to)>")
            try await Self.expect(conversation.command("DATA"), 354, during: "DATA")
            let accepted = try await Self.expect(conversation.command(Self.dataBlock(message), shown: "(the message, \(message.utf8.count) bytes)"), 250, during: "the message")
            _ = try? await conversation.command("QUIT")
            return accepted
        } catch {
            _ = try? await conversation.command("QUIT")
            throw error
        }
    }

    private static func open(settings: SMTPSettings, tls: NIOSSLContext?) async throws -> SMTPConversation {
        let serverName = Self.serverName(settings.host)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(settings.connectTimeoutSeconds)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        do {
            let channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
            return SMTPConversation(channel: channel, settings: settings, tls: tls, transcript: ["connected to \(settings.host):\(settings.port)"])
        } catch {
            throw SMTPFailure(.connection, "cannot connect to \(settings.host):\(settings.port): \(error)")
        }
    }

    /// Greeting, `EHLO`, TLS as configured, then `AUTH` when a user name is set.
    private mutating func greetAndSecure() async throws {
        try Self.expect(await reply(), 220, during: "the greeting")
        let helo = settings.helo ?? Self.hostName()
        var hello = try Self.expect(await command("EHLO \(helo)"), 250, during: "EHLO")
        if settings.security == .starttls {
            guard hello.lines.dropFirst().contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw SMTPFailure(.tls, "the relay does not offer STARTTLS (mail.smtp.security is starttls; use none for a relay without TLS)")
            }
            try Self.expect(await command("STARTTLS"), 220, during: "STARTTLS")
            try await startTLS()
            transcript.append("TLS started")
            hello = try Self.expect(await command("EHLO \(helo)"), 250, during: "EHLO after STARTTLS")
        }
        guard let username = settings.username else { return }
        let password = settings.password ?? ""
        let mechanisms = hello.lines.dropFirst().first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst().map(String.init) ?? []
        if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try Self.expect(await command("AUTH PLAIN \(token)", shown: "AUTH PLAIN (credentials of \(username))"), 235, during: "AUTH PLAIN")
        } else {
            try Self.expect(await command("AUTH LOGIN"), 334, during: "AUTH LOGIN")
            try Self.expect(await command(Data(username.utf8).base64EncodedString(), shown: "(user name \(username))"), 334, during: "AUTH LOGIN")
            try Self.expect(await command(Data(password.utf8).base64EncodedString(), shown: "(password)"), 235, during: "AUTH LOGIN")
        }
    }

    private func startTLS() async throws {
        guard let tls else { throw SMTPFailure(.tls, "no TLS context") }
        let channel = self.channel, serverName = Self.serverName(settings.host)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
        }.get()
    }

    /// The reply if its code is one of `codes`; else the failure, permanent for 5xx.
    @discardableResult
    private static func expect(_ reply: SMTPReply, _ codes: Int..., during step: String) throws -> SMTPReply {
        guard !codes.contains(reply.code) else { return reply }
        let text = "\(step): the relay answered \(reply.code) \(reply.lines.joined(separator: " "))"
        throw SMTPFailure(reply.code >= 500 ? .permanent : reply.code >= 400 ? .temporary : .protocolError, text)
    }

    private mutating func command(_ line: String, shown: String? = nil) async throws -> SMTPReply {
        transcript.append("C: " + (shown ?? line))
        do {
            try await channel.writeAndFlush(ByteBuffer(string: line.hasSuffix("\r\n") ? line : line + "\r\n"))
        } catch {
            throw SMTPFailure(.connection, "the connection failed while sending: \(error)")
        }
        return try await reply()
    }

    private mutating func reply() async throws -> SMTPReply {
        let channel = self.channel
        let timeout = TimeAmount.seconds(Int64(settings.commandTimeoutSeconds))
        let reply = try await channel.eventLoop.flatSubmit {
            do {
                return try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self).next(timeout: timeout, on: channel.eventLoop)
            } catch {
                return channel.eventLoop.makeFailedFuture(SMTPFailure(.connection, "the connection is gone"))
            }
        }.get()
        for (index, line) in reply.lines.enumerated() {
            transcript.append("S: \(reply.code)\(index == reply.lines.count - 1 ? " " : "-")\(line)")
        }
        return reply
    }

    /// The message as DATA carries it: lines beginning with a dot get a second one, and
    /// a line of one dot ends it.
    static func dataBlock(_ message: String) -> String {
        var lines = message.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// SNI takes a host name, never an address.
    static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
