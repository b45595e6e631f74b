import CallsheetDomain
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a console connection, as the kernel reports it (SO_PEERCRED).
///
/// Read once at accept: the uid cannot be forged by the client, which is what makes the
/// socket's file mode plus role mapping a sound authorization scheme.
struct PeerCredentials: Sendable, Equatable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// Layout of Linux's `struct ucred` {pid_t pid; uid_t uid; gid_t gid;} — 12 bytes.
    private struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    static func read(from channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else {
            throw ConfigurationError("console channel does not expose socket options")
        }
        let raw: UCred = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        return PeerCredentials(pid: raw.pid, uid: raw.uid, gid: raw.gid)
    }
}

/// OS account look-ups (names and group membership) for role mapping and messages.
enum OSAccounts {
    static func userName(uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: entry.pw_name)
    }

    /// Every group `userName` belongs to, its primary `gid` included.
    static func groupIDs(userName: String?, primary gid: UInt32) -> Set<UInt32> {
        guard let userName else { return [gid] }
        var count: Int32 = 256
        var groups = [gid_t](repeating: 0, count: Int(count))
        guard getgrouplist(userName, gid, &groups, &count) >= 0 else { return [gid] }
        return Set(groups.prefix(Int(count))).union([gid])
    }

    /// The uid and primary gid of `name` (`getpwnam_r`: thread-safe, unlike `getpwnam`).
    static func user(named name: String) -> (uid: UInt32, gid: UInt32)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return (entry.pw_uid, entry.pw_gid)
    }

    /// `getgrnam_r`, with a buffer that grows for groups with many members.
    static func groupID(named name: String) -> UInt32? {
        var size = 16 * 1024
        while size <= 4 << 20 {
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: size)
            let status = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
            if status == ERANGE {
                size *= 4
                continue
            }
            guard status == 0, result != nil else { return nil }
            return entry.gr_gid
        }
        return nil
    }
}
