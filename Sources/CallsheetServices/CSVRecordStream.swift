import CSV
import Foundation

/// Reads CSV records from a stream of lines, a batch at a time, with the line number each
/// record starts on.
///
/// The payload arrives line by line and a quoted field may span lines, so lines are joined
/// until the record's quotes balance; batches of whole records are then parsed by
/// CSV.swift (the maintained parser) in one go — or, when no record of the batch has a
/// quote, simply cut at the delimiter. Memory is bounded by the batch size,
/// never the file. Handles a UTF-8 BOM, CRLF, and `,` `;` or tab delimiters (detected from
/// the header row, the way spreadsheets in different locales export).
final class CSVRecordStream {
    struct Record: Sendable {
        var line: Int
        var fields: [String]
    }

    /// A record the parser cannot split (an unclosed quote, a stray one). The whole payload
    /// is refused: where one record ends and the next begins is no longer known.
    struct MalformedRecord: Error {
        var line: Int
        var reason: String

        var serviceError: ServiceError { ServiceError(.invalid, "line \(line) \(reason); nothing was imported") }
    }

    /// How far one record may run while a quote is open: a stray quote in a registry of
    /// millions must not make the reader swallow the rest of the file as one field.
    static let maximumRecordLines = 1000
    static let maximumRecordBytes = 1 << 20

    private let nextLine: () async throws -> String?
    private(set) var delimiter: UnicodeScalar = ","
    private var lineNumber = 0
    private var finished = false

    init(nextLine: @escaping () async throws -> String?) {
        self.nextLine = nextLine
    }

    /// The header row (first non-empty record); detects the delimiter from it.
    /// A malformed header is `INVALID` like any other malformed record.
    func header() async throws -> [String]? {
        do {
            guard let (line, text) = try await nextRecordText() else { return nil }
            delimiter = Self.detectDelimiter(text)
            let parsed = try parse([(line, text)])
            return parsed.first?.fields
        } catch let error as MalformedRecord {
            throw error.serviceError
        }
    }

    /// Up to `maximum` records; empty when the input is exhausted. A malformed record is
    /// ``ServiceError`` `INVALID` naming its line.
    func nextBatch(maximum: Int) async throws -> [Record] {
        do {
            var texts: [(Int, String)] = []
            while texts.count < maximum, let record = try await nextRecordText() {
                texts.append(record)
            }
            return try parse(texts)
        } catch let error as MalformedRecord {
            throw error.serviceError
        }
    }

    private func parse(_ texts: [(Int, String)]) throws -> [Record] {
        guard !texts.isEmpty else { return [] }
        // Without a quote a record cannot hide its delimiter or a line break, so it is only
        // cut at the delimiter — the common case of registries and most sheets, several
        // times faster than a CSV reader. Batches with any quote go to CSV.swift.
        if texts.allSatisfy({ !$0.1.utf8.contains(UInt8(ascii: "\"")) }) {
            let cut = UInt8(delimiter.value)
            return texts.map { line, text in
                Record(line: line, fields: text.utf8.split(separator: cut, omittingEmptySubsequences: false).map { Substring($0) }.map(String.init))
            }
        }
        let rows = try parseRows(texts.map(\.1).joined(separator: "\n"), line: texts[0].0)
        if rows.count == texts.count {
            return zip(texts, rows).map { Record(line: $0.0, fields: $1) }
        }
        // The batch did not split as the quote count predicted: parse record by record.
        return try texts.map { line, text in
            let single = try parseRows(text, line: line)
            guard single.count == 1 else { throw MalformedRecord(line: line, reason: "is not one CSV record (stray quote?)") }
            return Record(line: line, fields: single[0])
        }
    }

    /// `line`: where `text` starts, for the error when CSV.swift cannot read it.
    private func parseRows(_ text: String, line: Int) throws(MalformedRecord) -> [[String]] {
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }
            if let error = reader.error { throw error }
            return rows
        } catch {
            throw MalformedRecord(line: line, reason: "cannot be read as CSV (\(error))")
        }
    }

    /// The text of the next non-blank record and the line it starts on.
    private func nextRecordText() async throws -> (Int, String)? {
        while !finished {
            guard var line = try await nextLine() else {
                finished = true
                return nil
            }
            lineNumber += 1
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.hasSuffix("\r") { line.removeLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let start = lineNumber
            var text = line
            var quotes = line.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
            while quotes % 2 == 1 {
                guard lineNumber - start < Self.maximumRecordLines, text.utf8.count <= Self.maximumRecordBytes else {
                    finished = true
                    throw MalformedRecord(
                        line: start,
                        reason: "opens a quoted field that is still not closed \(lineNumber - start) lines (\(text.utf8.count) bytes) later "
                            + "(a record may span at most \(Self.maximumRecordLines) lines and \(Self.maximumRecordBytes >> 20) MiB); check the quotes on that line")
                }
                guard var more = try await nextLine() else {
                    finished = true
                    throw MalformedRecord(line: start, reason: "has a quoted field that is never closed")
                }
                lineNumber += 1
                if more.hasSuffix("\r") { more.removeLast() }
                quotes += more.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
                text += "\n" + more
            }
            return (start, text)
        }
        return nil
    }

    static func detectDelimiter(_ header: String) -> UnicodeScalar {
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in header.unicodeScalars {
            if scalar == "\"" { quoted.toggle() } else if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key == ",") }.map { $0.value > 0 ? $0.key : "," } ?? ","
    }
}
