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

    /// The file as chunks of whole lines (each ends with a newline), about 64 KiB each;
    /// the first line that is not UTF-8 ends it with a ``PayloadTextError``.
    ///
    /// A chunk is checked whole (one UTF-8 validation) and sent as it was read: a registry
    /// of a million lines is not cut into a million strings only to be joined again. Only
    /// a chunk that fails is split into lines, to name the line at fault.
    var chunks: AsyncThrowingStream<[UInt8], any Error> {
        let handle = handle, path = path
        return AsyncThrowingStream { continuation in
            Task.detached {
                var pending: [UInt8] = []
                var linesBefore = 0
                do {
                    while let read = try handle.read(upToCount: 64 * 1024), !read.isEmpty {
                        pending.append(contentsOf: read)
                        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                        let chunk = Array(pending[...lastNewline])
                        try PayloadText.check(chunk, firstLineNumber: linesBefore + 1, source: path)
                        linesBefore += chunk.count(where: { $0 == UInt8(ascii: "\n") })
                        pending.removeFirst(lastNewline + 1)
                        continuation.yield(chunk)
                    }
                    if !pending.isEmpty {
                        pending.append(UInt8(ascii: "\n"))
                        try PayloadText.check(pending, firstLineNumber: linesBefore + 1, source: path)
                        continuation.yield(pending)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }
}
