import CallsheetTestSupport
import Foundation
import Logging
import Testing

@testable import CallsheetDaemon

#if canImport(Glibc)
import Glibc
#endif

/// As root, the cluster's directory is handed to the postgres account, which can write
/// in it: nothing may be followed or chowned through a name that account could plant.
@Suite(.enabled(if: geteuid() == 0, "needs root: only root hands files to another account"))
struct ClusterFileSafetyTests {
    let owner: ClusterOwner
    let scratch: String

    init() throws {
        owner = try ClusterOwner.forCurrentProcess(osUser: "postgres")
        scratch = try DaemonHarness.scratchDirectory()
    }

    /// A link planted where the cluster's directory goes is refused, and its target is
    /// left alone (not chowned to postgres).
    @Test func aPlantedLinkIsNeverFollowed() throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let victim = scratch + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: false)
        let state = scratch + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: state + "/postgres", withDestinationPath: victim)
        #expect(throws: EmbeddedPostgresError.self) {
            try ClusterHome.prepare(requested: state + "/postgres", owner: owner, fallbackParent: scratch + "/fallback", logger: Logger(label: "t"))
        }
        var info = stat()
        #expect(stat(victim, &info) == 0 && info.st_uid == 0, "the link's target still belongs to root")

        // Inside the cluster's own directory, a link planted in place of a file or a
        // directory is refused too, and its target untouched.
        let home = scratch + "/home"
        try owner.createOwnedDirectory(home)
        try FileManager.default.createSymbolicLink(atPath: home + "/data", withDestinationPath: victim)
        #expect(throws: EmbeddedPostgresError.self) { try owner.createOwnedDirectory(home + "/data") }
        let secret = scratch + "/secret"
        try "root only\n".write(toFile: secret, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: home + "/callsheet.conf", withDestinationPath: secret)
        try owner.createOwnedFile(home + "/callsheet.conf", contents: "port = 5432\n")
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "root only\n", "the link was replaced, not written through")
        #expect(stat(secret, &info) == 0 && info.st_uid == 0)
        #expect(lstat(home + "/callsheet.conf", &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == owner.uid)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// Another account's directory is not taken over.
    @Test func anotherAccountsDirectoryIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let foreign = scratch + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: false)
        #expect(chown(foreign, 65534, 65534) == 0)
        do {
            try owner.createOwnedDirectory(foreign)
            Issue.record("a directory of uid 65534 was taken over")
        } catch let error as EmbeddedPostgresError {
            #expect(error.message.contains("belongs to uid 65534"), "\(error.message)")
        }
    }

    /// A `data/` that callsheetd did not finish making is never deleted: the remains of an
    /// interrupted initdb are moved aside, anything else stops start-up.
    @Test func anUnmarkedDataDirectoryIsNeverDeleted() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let logger = Logger(label: "t")
        let binaries = try PostgresBinaries.locate(configured: nil)
        // A real cluster someone else made, without callsheetd's marker.
        let home = scratch + "/pg"
        try owner.createOwnedDirectory(home)
        try owner.createOwnedDirectory(home + "/data")
        try FileManager.default.createDirectory(atPath: home + "/data/global", withIntermediateDirectories: false)
        try "not ours\n".write(toFile: home + "/data/global/pg_control", atomically: false, encoding: .utf8)
        let cluster = try EmbeddedPostgres(options: .init(home: home, binaries: binaries, durable: false), logger: logger)
        do {
            try await cluster.start(logger: logger)
            Issue.record("a cluster callsheetd did not create was used")
        } catch let error as EmbeddedPostgresError {
            #expect(error.message.contains("callsheetd did not create it"), "\(error.message)")
        }
        #expect(FileManager.default.fileExists(atPath: home + "/data/global/pg_control"), "left as it was")

        // The remains of an interrupted initdb (ours, no pg_control): moved aside, then a new cluster.
        try FileManager.default.removeItem(atPath: home + "/data/global")
        try await cluster.start(logger: logger)
        let aside = try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasPrefix("data.interrupted-") }
        #expect(aside.count == 1)
        await cluster.stop(logger: logger, mode: "immediate")
    }
}
