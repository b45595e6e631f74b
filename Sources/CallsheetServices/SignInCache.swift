import CallsheetDomain
import Synchronization

/// Who an API token signed in as, remembered for ``lifetime`` so that a script's — or a
/// manager's phone app's — every request does not ask the database again (the call loop
/// over HTTP pays one round trip per request otherwise; see BENCHMARKS.md).
///
/// Anything this daemon does that could change the answer (token revoke, account revoke,
/// manager deactivation) empties it at once; a change made through another daemon on the
/// same database is seen within ``lifetime`` at the latest.
final class SignInCache: Sendable {
    static let lifetime: Duration = .seconds(1)
    static let capacity = 10_000

    private struct Entry {
        var login: String
        var role: Role
        var until: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])

    init() {}

    func lookUp(_ token: String) -> (login: String, role: Role)? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.until > now else {
                entries[token] = nil
                return nil
            }
            return (entry.login, entry.role)
        }
    }

    func remember(_ token: String, login: String, role: Role) {
        let until = ContinuousClock.now + Self.lifetime
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(login: login, role: role, until: until)
        }
    }

    /// Forgets everything: who may sign in has just changed.
    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}
