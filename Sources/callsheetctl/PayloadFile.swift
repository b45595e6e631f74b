import CallsheetClient
import Foundation

/// A payload source: a file or stdin, read line by line so large imports stream.
struct PayloadFile {
    let lines: AsyncThrowingStream<String, any Error>

    init(path: String) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ConsoleClientError("cannot read \(path)")
            }
            handle = opened
        }
        lines = AsyncThrowingStream { continuation in
            Task.detached {
                var pending: [UInt8] = []
                var number = 0
                do {
                    while let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
                        pending.append(contentsOf: chunk)
                        var start = 0
                        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                            number += 1
                            continuation.yield(try PayloadText.line(pending[start..<newline], number: number, source: path))
                            start = newline + 1
                        }
                        pending.removeFirst(start)
                    }
                    if !pending.isEmpty { continuation.yield(try PayloadText.line(pending, number: number + 1, source: path)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }
}
