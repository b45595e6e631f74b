import NIOCore

/// One answer of an SMTP server (RFC 5321 §4.2): a three-digit code and its text lines
/// (`250-first`, `250 last`). The first digit decides what the outbox does: 2 done, 3 go
/// on, 4 try again later, 5 give up.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var isPositive: Bool { (200..<400).contains(code) }
    var isTemporary: Bool { (400..<500).contains(code) }

    /// `250 2.0.0 Ok: queued as 12345` — the last line, as the server said it.
    var summary: String { "\(code) " + (lines.last ?? "") }
}

/// Splits the server's bytes into replies: collects `NNN-` continuation lines until the
/// `NNN ` line that ends the reply. A line over 4 KiB or without a code is a protocol
/// error (the conversation ends; the outbox retries later).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let maximumLine = 4_096
    private var pending: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLine { throw SMTPFailure(.protocolError, "the server sent a line longer than \(Self.maximumLine) bytes") }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - view.startIndex) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code) else {
            throw SMTPFailure(.protocolError, "the server's line \"\(line.prefix(80))\" is not an SMTP reply")
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pending.append(text)
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return .continue }
        context.fireChannelRead(Self.wrapInboundOut(SMTPReply(code: code, lines: pending)))
        pending = []
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while buffer.readableBytes > 0, try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Hands replies to whoever waits for one (``next(timeout:on:)``), in order, and fails the
/// wait when the connection ends, errs or the server is silent past the timeout. Lives on
/// the channel's event loop only.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    private var replies: [SMTPReply] = []
    private var waiting: EventLoopPromise<SMTPReply>?
    private var timer: Scheduled<Void>?
    private var ended: SMTPFailure?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func next(timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !replies.isEmpty { return eventLoop.makeSucceededFuture(replies.removeFirst()) }
        if let ended { return eventLoop.makeFailedFuture(ended) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting = promise
        timer = eventLoop.scheduleTask(in: timeout) { [weak self] in
            self?.finish(SMTPFailure(.timedOut, "the server did not answer within \(timeout.nanoseconds / 1_000_000_000) s"))
            self?.context?.close(promise: nil)
        }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let waiting {
            self.waiting = nil
            timer?.cancel()
            waiting.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(error as? SMTPFailure ?? SMTPFailure(.connection, "\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(SMTPFailure(.connection, "the server closed the connection"))
        context.fireChannelInactive()
    }

    private func finish(_ failure: SMTPFailure) {
        if ended == nil { ended = failure }
        timer?.cancel()
        if let waiting {
            self.waiting = nil
            waiting.fail(ended ?? failure)
        }
    }
}
