import CallsheetClient
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` in the middle of a large import through the socket leaves none of it, and the
/// same import then succeeds.
@Suite struct ImportCrashTests {
    static let rowCount = 200_000

    static func rows() -> AsyncStream<String> {
        AsyncStream { continuation in
            continuation.yield("name,phone,external_id")
            for i in 1...rowCount {
                continuation.yield("Client \(i),+48 5\(String(format: "%08d", i)),EXT-\(i)")
            }
            continuation.finish()
        }
    }

    static func count(_ url: DatabaseURL, _ sql: String) async throws -> Int {
        try await TestDatabase.withPool(url: url) { database in
            try await database.withConnection { connection in
                var n = 0
                for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "t")).decode(Int.self) { n = value }
                return n
            }
        }
    }

    @Test func killNineMidImportLeavesNothingAndTheRetrySucceeds() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        let first = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: url.redacted)
        try await first.waitUntilReady()
        let importing = Task {
            try await ConsoleClient.withConnection(socketPath: first.socketPath) { client in
                try await client.run("client import --source crash-test", payload: Self.rows())
            }
        }
        // Wait until the daemon has staged part of the file, then pull the plug.
        var staged = 0
        for _ in 0..<600 where staged == 0 {
            try await Task.sleep(for: .milliseconds(50))
            staged = try await Self.count(
                url, "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY %import_row%'")
        }
        #expect(staged > 0, "the import was under way when the daemon was killed")
        #expect(try await first.stop(signal: SIGKILL) == 128 + SIGKILL)
        _ = try? await importing.value

        // PostgreSQL rolls the transaction back once it notices the dead connection.
        for _ in 0..<200 {
            let sessions = try await Self.count(url, "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            if sessions == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await Self.count(url, "SELECT count(*)::int FROM client") == 0)
        #expect(try await Self.count(url, "SELECT count(*)::int FROM client_phone") == 0)
        #expect(try await Self.count(url, "SELECT count(*)::int FROM client_import") == 0)

        let second = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: url.redacted)
        try await second.waitUntilReady()
        let reply = try await ConsoleClient.withConnection(socketPath: second.socketPath) { client in
            try await client.run("client import --source crash-test", payload: Self.rows())
        }
        #expect(reply.field("inserted") == String(Self.rowCount), "\(reply.status)")
        #expect(reply.field("rejected") == "0")
        #expect(try await Self.count(url, "SELECT count(*)::int FROM client") == Self.rowCount)
        #expect(try await second.stop() == 0)
        await TestCluster.shared.drop(url)
    }
}
