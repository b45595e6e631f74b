import CallsheetConsole
import Synchronization

/// Counts open console connections, in all and per uid, and turns away the one too many.
///
/// The last `reservedForAdministrators` slots are only for administrators, so that a crowd
/// of managers or report readers can never lock the people who fix things out. Shared by
/// every connection task of one server; a `Mutex` keeps admission atomic so two
/// simultaneous connects cannot both take the last slot.
final class ConnectionRegistry: Sendable {
    private struct Counts {
        var total = 0
        var perUID: [UInt32: Int] = [:]
    }

    let maximumTotal: Int
    let maximumPerUID: Int
    let reservedForAdministrators: Int
    private let counts = Mutex(Counts())

    init(maximumTotal: Int, maximumPerUID: Int, reservedForAdministrators: Int = 0) {
        self.maximumTotal = maximumTotal
        self.maximumPerUID = maximumPerUID
        self.reservedForAdministrators = min(reservedForAdministrators, max(0, maximumTotal - 1))
    }

    var total: Int { counts.withLock { $0.total } }

    /// Takes a slot for `uid`, or explains which limit is full.
    func admit(uid: UInt32, administrator: Bool = true) -> ConsoleError? {
        counts.withLock { counts in
            if counts.total >= maximumTotal {
                return .limit("the daemon already serves \(maximumTotal) console connections (console.max_connections); try again later")
            }
            if !administrator, counts.total >= maximumTotal - reservedForAdministrators {
                return .limit(
                    "all \(maximumTotal - reservedForAdministrators) console connections open to managers and viewers are taken (the other \(reservedForAdministrators) are kept for administrators: console.reserved_admin_connections); try again later"
                )
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
