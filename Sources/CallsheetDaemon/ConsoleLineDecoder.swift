import CallsheetConsole
import NIOCore

/// Splits the console byte stream into lines, with a maximum length.
///
/// swift-nio-extras' `LineBasedFrameDecoder` has no length cap, and a cap that closes the
/// connection would punish a client for one bad line. This decoder reports an over-long
/// line once (`.tooLong`), discards its bytes up to the next newline, and carries on, so
/// the session answers `ERR LIMIT` and stays usable. A partial line at end of input is
/// dropped: only complete lines are commands.
struct ConsoleLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = InboundLine

    let maximumLength: Int
    private var discarding = false

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        if let newline = view.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            if discarding {
                discarding = false
            } else if length > maximumLength {
                context.fireChannelRead(Self.wrapInboundOut(.tooLong(limit: maximumLength)))
            } else {
                let bytes = buffer.getBytes(at: buffer.readerIndex, length: length) ?? []
                context.fireChannelRead(Self.wrapInboundOut(.bytes(bytes)))
            }
            buffer.moveReaderIndex(forwardBy: length + 1)
            return .continue
        }
        if buffer.readableBytes > maximumLength {
            if !discarding {
                discarding = true
                context.fireChannelRead(Self.wrapInboundOut(.tooLong(limit: maximumLength)))
            }
            buffer.moveReaderIndex(to: buffer.writerIndex)
        }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
