import NIOCore
import NIOPosix

/// A connection to callsheetd's console socket, speaking the line protocol of
/// docs/console.md: send a command line (and a payload block), read lines up to the empty
/// line that ends the response.
///
/// Used by `callsheetctl`, the tests and the benchmarks, so all three speak to the daemon
/// exactly as a user's client does.
public final class ConsoleClient {
    private var inbound: NIOAsyncChannelInboundStream<String>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel

    private init(inbound: NIOAsyncChannelInboundStream<String>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, channel: any Channel) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.channel = channel
    }

    /// Connects to `socketPath`, runs `body`, and closes the connection.
    public static func withConnection<R>(
        socketPath: String, _ body: (ConsoleClient) async throws -> R
    ) async throws -> R {
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .connect(unixDomainSocketPath: socketPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplyLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ConsoleClientError("cannot connect to the console socket \(socketPath): \(Self.reason(error)). Is callsheetd running? (start it with: swift run callsheetd)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let client = ConsoleClient(inbound: inbound, outbound: outbound, channel: channel.channel)
            return try await body(client)
        }
    }

    /// The system's words for a failed connect ("No such file or directory"), not NIO's
    /// description of the call that failed.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }

    /// Sends one command line and reads its response.
    ///
    /// When the daemon turned the connection away at connect (`ERR PERM`, `ERR LIMIT`) it
    /// may already have closed it; the refusal it sent is then the reply.
    public func run(_ line: String) async throws -> ConsoleReply {
        do {
            try await send(line)
        } catch {
            if let refusal = try? await readReplyIfAny() { return refusal }
            throw error
        }
        return try await readReply()
    }

    /// Sends `line` followed by a payload block from `payload`, ended by a fresh marker.
    public func run<S: AsyncSequence>(_ line: String, payload: S) async throws -> ConsoleReply where S.Element == String {
        let marker = "END_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try await send(line + " <<" + marker)
        var batch = channel.allocator.buffer(capacity: 64 * 1024)
        for try await payloadLine in payload {
            batch.writeString(payloadLine)
            batch.writeInteger(UInt8(ascii: "\n"))
            if batch.readableBytes >= 64 * 1024 {
                try await outbound.write(batch)
                batch.clear()
            }
        }
        batch.writeString(marker + "\n")
        try await outbound.write(batch)
        return try await readReply()
    }

    /// Sends `line` followed by a payload block of raw chunks, each made of whole lines
    /// ending with a newline (as ``PayloadText/check(_:firstLineNumber:source:)`` passed
    /// them), ended by a fresh marker.
    public func run<S: AsyncSequence>(_ line: String, payloadChunks: S) async throws -> ConsoleReply where S.Element == [UInt8] {
        let marker = "END_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try await send(line + " <<" + marker)
        for try await chunk in payloadChunks {
            try await outbound.write(ByteBuffer(bytes: chunk))
        }
        try await send(marker)
        return try await readReply()
    }

    /// Sends a line as is (a newline is appended).
    public func send(_ line: String) async throws {
        try await outbound.write(ByteBuffer(string: line + "\n"))
    }

    /// Sends raw bytes, for tests of malformed input.
    public func sendRaw(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Closes the sending side (as `echo cmd | socat` does); replies can still be read.
    public func finishSending() async throws {
        try await channel.close(mode: .output)
    }

    /// Reads one response; throws when the connection ends before its empty line.
    public func readReply() async throws -> ConsoleReply {
        guard let reply = try await readReplyIfAny() else {
            throw ConsoleClientError("the daemon closed the connection without an answer")
        }
        return reply
    }

    /// Reads one response, or nil when the connection ended cleanly first.
    public func readReplyIfAny() async throws -> ConsoleReply? {
        var assembler = ReplyAssembler()
        while let line = try await inbound.next() {
            if let reply = try assembler.take(line) { return reply }
        }
        if assembler.isBetweenReplies { return nil }
        throw ConsoleClientError("the connection ended in the middle of a response")
    }
}

/// A failure to reach or understand the daemon (not an `ERR` answer, which is a reply).
public struct ConsoleClientError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Splits the daemon's output into lines (the daemon bounds what it sends).
struct ReplyLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let line = ReplyAssembler.line(view[view.startIndex..<newline])
        buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
