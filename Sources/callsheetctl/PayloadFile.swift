import CallsheetClient
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A payload source: a file or stdin, read line by line so large imports stream.
///
/// The file is opened when the value is made (a missing file is reported before any
/// connection) and read only once `lines` is consumed.
struct PayloadFile {
    let path: String
    let handle: FileHandle

    init(path: String) throws {
        self.path = path
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                // The file, not the daemon: exit 1 like an ERR answer, with the system's reason.
                throw PayloadTextError(message: "cannot read \(path): \(String(cString: strerror(errno))); nothing was sent")
            }
            handle = opened
        }
        self.handle = handle
    }

    /// The file's lines as text; the first line that is not UTF-8 ends it with a ``PayloadTextError``.
    var lines: AsyncThrowingStream<String, any Error> {
        let handle = handle, path = path
        return AsyncThrowingStream { continuation in
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
