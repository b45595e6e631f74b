import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The OS account that owns and runs the embedded cluster.
///
/// When callsheetd is root this is `embedded.os_user` (PostgreSQL refuses root) and files
/// are chowned to it; otherwise it is the daemon's own user and nothing changes hands.
struct ClusterOwner: Sendable {
    /// The user to run server programs as via `runuser`; nil for "this process's user".
    let runAs: String?
    let uid: uid_t
    let gid: gid_t
    let groups: [gid_t]

    static func forCurrentProcess(osUser: String) throws -> ClusterOwner {
        guard geteuid() == 0 else {
            return ClusterOwner(runAs: nil, uid: geteuid(), gid: getegid(), groups: [])
        }
        guard let (uid, gid) = OSAccounts.user(named: osUser) else {
            throw EmbeddedPostgresError("callsheetd runs as root, so the embedded PostgreSQL must run as embedded.os_user '\(osUser)', which does not exist; install PostgreSQL (apt-get install -y postgresql creates it) or set embedded.os_user")
        }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(osUser, gid, &groups, &count) < 0 { groups = [gid] } else { groups = Array(groups.prefix(Int(count))) }
        return ClusterOwner(runAs: osUser, uid: uid, gid: gid, groups: groups)
    }

    var name: String { runAs ?? "the current user" }

    /// Creates `path` (mode 0700) owned by this account, or fixes the ownership of an existing one.
    func createOwnedDirectory(_ path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
        try takeOwnership(of: path)
    }

    /// Writes `contents` to `path` (mode 0600) owned by this account.
    func createOwnedFile(_ path: String, contents: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try takeOwnership(of: path)
    }

    private func takeOwnership(of path: String) throws {
        guard runAs != nil else { return }
        guard chown(path, uid, gid) == 0 else {
            throw EmbeddedPostgresError("cannot give \(path) to user \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// The first directory above `path` that this account may not enter, or nil.
    func firstBlockingAncestor(of path: String) -> String? {
        guard runAs != nil else { return nil }
        var ancestors: [String] = []
        var current = (path as NSString).deletingLastPathComponent
        while !current.isEmpty {
            ancestors.append(current)
            if current == "/" { break }
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in ancestors.reversed() {
            var info = stat()
            guard stat(directory, &info) == 0 else { return directory }
            let mode = info.st_mode
            let allowed: Bool
            if info.st_uid == uid {
                allowed = mode & 0o100 != 0
            } else if info.st_gid == gid || groups.contains(info.st_gid) {
                allowed = mode & 0o010 != 0
            } else {
                allowed = mode & 0o001 != 0
            }
            if !allowed { return directory }
        }
        return nil
    }
}

/// Chooses the directory the cluster lives in (see ``EmbeddedPostgres``).
enum ClusterHome {
    static func prepare(requested: String, owner: ClusterOwner, fallbackParent: String, logger: Logger) throws -> String {
        let requested = URL(fileURLWithPath: requested).standardizedFileURL.path
        let fm = FileManager.default
        if let target = try? fm.destinationOfSymbolicLink(atPath: requested) {
            let resolved = target.hasPrefix("/") ? target : ((requested as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
            try owner.createOwnedDirectory(resolved)
            logger.info("embedded PostgreSQL lives outside the state directory", metadata: ["link": "\(requested)", "cluster": "\(resolved)"])
            return resolved
        }
        try fm.createDirectory(atPath: (requested as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try owner.createOwnedDirectory(requested)
        guard let blocking = owner.firstBlockingAncestor(of: requested) else { return requested }

        let contents = (try? fm.contentsOfDirectory(atPath: requested)) ?? []
        guard contents.isEmpty else {
            throw EmbeddedPostgresError("the embedded cluster in \(requested) cannot be reached by user \(owner.name): \(blocking) does not let it in. Fix: chmod o+x \(blocking), or move the state directory (--state-dir) somewhere it can reach, such as /var/lib/callsheet")
        }
        let name = (requested as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? "state"
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(24))
        let fallback = (fallbackParent as NSString).appendingPathComponent("\(safeName)-\(stableHash(requested))")
        try fm.createDirectory(atPath: fallbackParent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try owner.createOwnedDirectory(fallback)
        if let stillBlocking = owner.firstBlockingAncestor(of: fallback) {
            throw EmbeddedPostgresError("user \(owner.name) can reach neither \(requested) (blocked at \(blocking)) nor \(fallback) (blocked at \(stillBlocking)); chmod o+x \(blocking) or choose a --state-dir it can reach")
        }
        try fm.removeItem(atPath: requested)
        try fm.createSymbolicLink(atPath: requested, withDestinationPath: fallback)
        logger.warning("the postgres user cannot reach the state directory, so the embedded cluster lives elsewhere",
                       metadata: ["blocked_at": "\(blocking)", "cluster": "\(fallback)", "link": "\(requested)"])
        return fallback
    }

    /// FNV-1a: the same path always maps to the same fallback directory, across runs.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
