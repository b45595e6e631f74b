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
            throw EmbeddedPostgresError(
                "callsheetd runs as root, so the embedded PostgreSQL must run as embedded.os_user '\(osUser)', which does not exist; install PostgreSQL (apt-get install -y postgresql creates it) or set embedded.os_user"
            )
        }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(osUser, gid, &groups, &count) < 0 { groups = [gid] } else { groups = Array(groups.prefix(Int(count))) }
        return ClusterOwner(runAs: osUser, uid: uid, gid: gid, groups: groups)
    }

    var name: String { runAs ?? "the current user" }

    /// Creates `path` (mode 0700) owned by this account, or takes over an existing one.
    ///
    /// The cluster's directories sit inside directories the cluster's account can write,
    /// so as root nothing here goes through a path that account could swap: the directory
    /// is opened with `O_NOFOLLOW` (a planted symbolic link is refused, never followed),
    /// checked, and changed through its descriptor (`fchown`, `fchmod`). An existing
    /// directory of a third account is refused.
    func createOwnedDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw EmbeddedPostgresError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            throw EmbeddedPostgresError("\(path) is not a directory (a symbolic link or a file is there); callsheetd does not follow or replace it — move it away")
        }
        defer { close(fd) }
        try takeOver(fd, path: path, mode: 0o700)
    }

    /// Writes `contents` to `path` (mode 0600) owned by this account: a new file beside it,
    /// made with `O_EXCL | O_NOFOLLOW` and owned through its descriptor, renamed over `path`
    /// (a rename replaces a planted link itself, never what it points at).
    func createOwnedFile(_ path: String, contents: String) throws {
        let temporary = path + ".new-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EmbeddedPostgresError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var written = true
        do {
            try takeOver(fd, path: temporary, mode: 0o600)
            let bytes = Array(contents.utf8)
            written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw EmbeddedPostgresError("cannot write \(path): \(reason)")
        }
    }

    /// Checks who owns the open file and gives it to this account with `mode`.
    private func takeOver(_ fd: Int32, path: String, mode: mode_t) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw EmbeddedPostgresError("cannot inspect \(path): \(String(cString: strerror(errno)))")
        }
        let acceptable: Set<uid_t> = runAs == nil ? [uid] : [uid, 0]
        guard acceptable.contains(info.st_uid) else {
            throw EmbeddedPostgresError(
                "\(path) belongs to uid \(info.st_uid), not to \(name)\(runAs == nil ? "" : " or root"); callsheetd does not take over another account's files — move it away or choose another --state-dir"
            )
        }
        if runAs != nil, fchown(fd, uid, gid) != 0 {
            throw EmbeddedPostgresError("cannot give \(path) to user \(name): \(String(cString: strerror(errno)))")
        }
        guard fchmod(fd, mode) == 0 else {
            throw EmbeddedPostgresError("cannot set the mode of \(path): \(String(cString: strerror(errno)))")
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
            let resolved = URL(fileURLWithPath: target.hasPrefix("/") ? target : ((requested as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target))
                .standardizedFileURL.path
            let parent = URL(fileURLWithPath: fallbackParent).standardizedFileURL.path
            // Only the link callsheetd made itself (into its fallback parent) is followed.
            guard (resolved as NSString).deletingLastPathComponent == parent else {
                throw EmbeddedPostgresError("\(requested) is a symbolic link to \(resolved), outside \(parent); callsheetd follows only the links it made there — remove the link")
            }
            try owner.createOwnedDirectory(resolved)
            logger.info("embedded PostgreSQL lives outside the state directory", metadata: ["link": "\(requested)", "cluster": "\(resolved)"])
            return resolved
        }
        try fm.createDirectory(atPath: (requested as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try owner.createOwnedDirectory(requested)
        guard let blocking = owner.firstBlockingAncestor(of: requested) else { return requested }

        let contents = (try? fm.contentsOfDirectory(atPath: requested)) ?? []
        guard contents.isEmpty else {
            throw EmbeddedPostgresError(
                "the embedded cluster in \(requested) cannot be reached by user \(owner.name): \(blocking) does not let it in. Fix: chmod o+x \(blocking), or move the state directory (--state-dir) somewhere it can reach, such as /var/lib/callsheet"
            )
        }
        let name = (requested as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? "state"
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(24))
        let fallback = (fallbackParent as NSString).appendingPathComponent("\(safeName)-\(stableHash(requested))")
        try fm.createDirectory(atPath: fallbackParent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try owner.createOwnedDirectory(fallback)
        if let stillBlocking = owner.firstBlockingAncestor(of: fallback) {
            throw EmbeddedPostgresError(
                "user \(owner.name) can reach neither \(requested) (blocked at \(blocking)) nor \(fallback) (blocked at \(stillBlocking)); chmod o+x \(blocking) or choose a --state-dir it can reach"
            )
        }
        try fm.removeItem(atPath: requested)
        try fm.createSymbolicLink(atPath: requested, withDestinationPath: fallback)
        logger.warning(
            "the postgres user cannot reach the state directory, so the embedded cluster lives elsewhere",
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
