import CallsheetServices
import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` upload read as it arrives, so a file of a million rows is never
/// held whole: the small fields that come before the file (the form puts its options
/// first) are collected, then the file is handed out line by line, the request body being
/// read only when the next line is asked for (the import's pace is the upload's pace).
///
/// One task owns an upload from start to end (the route's), so it needs no lock.
final class MultipartUpload {
    /// The fields before the file, by name (each at most ``maximumFieldBytes``).
    private(set) var fields: [String: String] = [:]
    /// The file's name as the browser sent it.
    private(set) var fileName: String?
    /// Bytes of the request body read so far.
    private(set) var bytesRead = 0

    static let maximumFieldBytes = 4096
    /// A line longer than this is refused (a quote that never closes makes one).
    static let maximumLineBytes = 1 << 20

    private var body: RequestBody.AsyncIterator
    private let parser: MultipartParser
    private let fileField: String
    private var partName: String?
    private var partFileName: String?
    private var fieldBytes: [UInt8] = []
    private var pending = ByteBuffer()
    private var inFile = false, fileDone = false, bodyDone = false

    init(_ request: Request, fileField: String) throws {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = type.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"")), !boundary.isEmpty
        else { throw ServiceError(.invalid, "the upload must be sent as multipart/form-data (a form with a file field)") }
        self.body = request.body.makeAsyncIterator()
        self.parser = MultipartParser(boundary: boundary)
        self.fileField = fileField
        parser.onHeader = { [unowned self] name, value in
            guard name.lowercased() == "content-disposition" else { return }
            partName = Self.parameter("name", in: value)
            partFileName = Self.parameter("filename", in: value)
            if partName == fileField {
                inFile = true
                fileName = partFileName
            }
        }
        parser.onBody = { [unowned self] bytes in
            if inFile {
                pending.writeBuffer(&bytes)
            } else if fieldBytes.count + bytes.readableBytes <= Self.maximumFieldBytes {
                fieldBytes += bytes.readBytes(length: bytes.readableBytes) ?? []
            }
        }
        parser.onPartComplete = { [unowned self] in
            if inFile {
                inFile = false
                fileDone = true
            } else if let name = partName {
                fields[name] = String(decoding: fieldBytes, as: UTF8.self)
            }
            fieldBytes = []
            partName = nil
        }
    }

    /// Reads until the file part begins (every field before it is then in `fields`).
    func readFields() async throws {
        while !inFile, !fileDone {
            guard try await readChunk() else { break }
        }
        guard inFile || fileDone else { throw ServiceError(.invalid, "the upload has no file (field \(fileField))") }
    }

    /// The file's next line without its line break, or nil after the last.
    func nextLine() async throws -> String? {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - pending.readerIndex
                var line = pending.readBytes(length: length) ?? []
                pending.moveReaderIndex(forwardBy: 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.readableBytes <= Self.maximumLineBytes else {
                throw ServiceError(.invalid, "a line of the file is longer than 1 MB (a quote that never closes?); nothing was imported")
            }
            let more = fileDone || bodyDone ? false : try await readChunk()
            if !more {
                guard pending.readableBytes > 0 else { return nil }
                var rest = pending.readBytes(length: pending.readableBytes) ?? []
                if rest.last == UInt8(ascii: "\r") { rest.removeLast() }
                return String(decoding: rest, as: UTF8.self)
            }
        }
    }

    /// Feeds the next piece of the body to the parser; false at its end.
    private func readChunk() async throws -> Bool {
        guard !bodyDone, let chunk = try await body.next() else {
            bodyDone = true
            return false
        }
        bytesRead += chunk.readableBytes
        pending.discardReadBytes()
        do {
            try parser.execute(chunk)
        } catch {
            throw ServiceError(.invalid, "the upload is not valid multipart/form-data")
        }
        return true
    }

    /// `name="value"` out of a `Content-Disposition` header.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(name + "=") else { continue }
            return String(pair.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
