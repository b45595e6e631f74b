import CallsheetTestSupport
import Foundation
import Logging
import Testing

@testable import CallsheetDaemon

#if canImport(Glibc)
import Glibc
#endif

/// Where the embedded cluster goes when the postgres user cannot reach the state directory,
/// and what happens when the server programs are missing.
@Suite struct EmbeddedPlacementTests {
    @Test(.enabled(if: geteuid() == 0, "needs root: only root hands the cluster to another user"))
    func anUnreachableStateDirectoryGetsAReachableClusterLinkedFromIt() throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let locked = scratch + "/private"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let owner = try ClusterOwner.forCurrentProcess(osUser: "postgres")
        let requested = locked + "/state/postgres"
        #expect(owner.firstBlockingAncestor(of: requested) == locked)

        let fallbackParent = scratch + "/fallback"
        let home = try ClusterHome.prepare(requested: requested, owner: owner, fallbackParent: fallbackParent, logger: Logger(label: "t"))
        #expect(home.hasPrefix(fallbackParent + "/state-"))
        #expect(owner.firstBlockingAncestor(of: home) == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: requested) == home)
        // The next start follows the link to the same place.
        #expect(try ClusterHome.prepare(requested: requested, owner: owner, fallbackParent: fallbackParent, logger: Logger(label: "t")) == home)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root"))
    func aClusterAlreadyInAnUnreachableDirectoryIsAnErrorNamingTheFix() throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let locked = scratch + "/private"
        try FileManager.default.createDirectory(atPath: locked + "/state/postgres/data", withIntermediateDirectories: true)
        chmod(locked, 0o700)
        let owner = try ClusterOwner.forCurrentProcess(osUser: "postgres")
        #expect(throws: EmbeddedPostgresError.self) {
            try ClusterHome.prepare(requested: locked + "/state/postgres", owner: owner, fallbackParent: scratch + "/fb", logger: Logger(label: "t"))
        }
        do {
            _ = try ClusterHome.prepare(requested: locked + "/state/postgres", owner: owner, fallbackParent: scratch + "/fb", logger: Logger(label: "t"))
        } catch let error as EmbeddedPostgresError {
            #expect(error.message.contains("chmod o+x \(locked)"))
        }
    }

    @Test func missingServerProgramsSayHowToInstallThem() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(throws: EmbeddedPostgresError("embedded.bin_dir \(scratch) does not hold initdb, pg_ctl and postgres")) {
            try PostgresBinaries.locate(configured: scratch)
        }
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: "embedded:\n  bin_dir: \(scratch)\n")
        #expect(try await daemon.waitForExit() == 1)
        #expect(daemon.log().contains("does not hold initdb, pg_ctl and postgres"))
    }

    @Test func theSearchMessageNamesAptGetAndTheURLAlternative() {
        let message = "\(PostgresBinaries.notFoundMessage)"
        #expect(message.contains("apt-get install -y postgresql"))
        #expect(message.contains("CALLSHEET_DATABASE_URL"))
    }
}
