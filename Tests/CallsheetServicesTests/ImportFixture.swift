import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// CSV payloads for import tests: fixture files, text split into lines, one import line
/// with its payload, and counting rows.
enum ImportFixture {
    static func fixture(_ name: String) throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return lines(text)
    }

    static func lines(_ text: String) -> [String] {
        // Split on the byte 0x0A as the socket does ("\r\n" is one Character in Swift).
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func importing(_ command: String, _ payload: [String]) -> [String] {
        [command + " <<END"] + payload + ["END"]
    }

    static func count(_ database: Database, _ sql: String) async throws -> Int {
        try await database.withConnection { connection in
            var value = 0
            for try await n in try await connection.query(PostgresQueryText(sql).query, logger: Logger(label: "t")).decode(Int.self) { value = n }
            return value
        }
    }
}
