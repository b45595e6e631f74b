import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's state directory and the lock that makes it one daemon's at a time.
///
/// The lock is an `flock` on `DIR/callsheetd.lock`: the kernel drops it when the process
/// dies, even by `kill -9`, so a crashed daemon never leaves the directory locked.
final class StateDirectory: Sendable {
    let path: String
    private let lockDescriptor: Int32

    /// Creates the directory (mode 0750; group `groupID` when given) and takes the lock.
    init(path: String, groupID: UInt32?) throws(ConfigurationError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        let fm = FileManager.default
        if !fm.fileExists(atPath: absolute) {
            do {
                try fm.createDirectory(atPath: absolute, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw ConfigurationError("cannot create the state directory \(absolute): \(error.localizedDescription)")
            }
            if let groupID {
                // Through a descriptor opened without following links, not by path.
                let fd = open(absolute, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if fd >= 0 {
                    _ = fchown(fd, UInt32.max, groupID)
                    close(fd)
                }
            }
        }
        let lockPath = (absolute as NSString).appendingPathComponent("callsheetd.lock")
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else {
            throw ConfigurationError("cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            throw ConfigurationError("another callsheetd (pid \(holder)) is serving \(absolute); stop it first or use another --state-dir")
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        lockDescriptor = fd
    }

    deinit {
        close(lockDescriptor)
    }
}
