import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The console socket's file system side: length limit, private directory, stale sockets.
///
/// The socket is created inside a directory of mode 0750, so there is no window between
/// `bind` and `chmod` in which another user could connect; the socket itself is then set to
/// 0660 (owner and `socket_group`).
struct ConsoleSocketPath: Sendable {
    /// `sun_path` holds 108 bytes including the terminating NUL.
    static let maximumLength = 107

    let path: String
    let groupID: UInt32?

    init(path: String, groupName: String?) throws(ConfigurationError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let length = absolute.utf8.count
        guard length <= Self.maximumLength else {
            throw ConfigurationError(
                "console socket path \(absolute) is \(length) bytes; Unix sockets allow at most \(Self.maximumLength). Choose a shorter console.socket, CALLSHEET_SOCKET or --state-dir"
            )
        }
        self.path = absolute
        if let groupName {
            guard let gid = OSAccounts.groupID(named: groupName) else {
                throw ConfigurationError("console.socket_group '\(groupName)' is not a group on this system")
            }
            groupID = gid
        } else {
            groupID = nil
        }
    }

    var directory: String { (path as NSString).deletingLastPathComponent }

    /// Creates the directory (0750) if needed, refuses a live socket, removes a stale one.
    func prepare() throws(ConfigurationError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw ConfigurationError("cannot create the console socket directory \(directory): \(error.localizedDescription)")
            }
            if let groupID { _ = chown(directory, UInt32.max, groupID) }
        } else if !isDirectory.boolValue {
            throw ConfigurationError("\(directory) (the console socket's directory) is not a directory")
        }
        var info = stat()
        if stat(directory, &info) == 0, info.st_mode & 0o002 != 0, info.st_mode & 0o1000 == 0 {
            throw ConfigurationError("the console socket directory \(directory) is writable by everyone; put the socket in a private directory (console.socket)")
        }

        var socketInfo = stat()
        guard lstat(path, &socketInfo) == 0 else { return }
        guard socketInfo.st_mode & S_IFMT == S_IFSOCK else {
            throw ConfigurationError("\(path) exists and is not a socket; remove it or choose another console.socket")
        }
        if Self.answers(path) {
            throw ConfigurationError("another callsheetd is serving \(directory) (its socket \(path) answers); stop it first or use another --state-dir")
        }
        guard unlink(path) == 0 else {
            throw ConfigurationError("cannot remove the stale console socket \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Sets the socket's mode and group after bind.
    func secure() throws(ConfigurationError) {
        guard chmod(path, 0o660) == 0 else {
            throw ConfigurationError("cannot set mode 0660 on \(path): \(String(cString: strerror(errno)))")
        }
        if let groupID, chown(path, UInt32.max, groupID) != 0 {
            throw ConfigurationError("cannot give \(path) to group \(groupID): \(String(cString: strerror(errno)))")
        }
    }

    func remove() {
        unlink(path)
    }

    /// True when something accepts connections on `path` (a live daemon).
    static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() where i < raw.count - 1 { raw[i] = b }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
