import CallsheetConsole
import Synchronization

/// Counts open console connections, in all and per uid, and turns away the one too many.
///
/// Shared by every connection task of one server; a `Mutex` keeps admission atomic so two
/// simultaneous connects cannot both take the last slot.
final class ConnectionRegistry: Sendable {
    private struct Counts {
        var total = 0
        var perUID: [UInt32: Int] = [:]
    }

    let maximumTotal: Int
    let maximumPerUID: Int
    private let counts = Mutex(Counts())

    init(maximumTotal: Int, maximumPerUID: Int) {
        self.maximumTotal = maximumTotal
        self.maximumPerUID = maximumPerUID
    }

    var total: Int { counts.withLock { $0.total } }

    /// Takes a slot for `uid`, or explains which limit is full.
    func admit(uid: UInt32) -> ConsoleError? {
        counts.withLock { counts in
            if counts.total >= maximumTotal {
                return .limit("the daemon already serves \(maximumTotal) console connections (console.max_connections); try again later")
            }
            if counts.perUID[uid, default: 0] >= maximumPerUID {
                return .limit("uid \(uid) already has \(maximumPerUID) console connections open (console.max_connections_per_uid)")
            }
            counts.total += 1
            counts.perUID[uid, default: 0] += 1
            return nil
        }
    }

    func release(uid: UInt32) {
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.perUID[uid, default: 1] - 1
            counts.perUID[uid] = left > 0 ? left : nil
        }
    }
}
