import Synchronization

/// A slot the sign-in middleware writes the account into and the access log reads back:
/// the two run at different depths of the middleware chain, each with its own copy of the
/// request context, so they share this one object. `Mutex` makes it `Sendable`.
public final class AccessNote: Sendable {
    private let account = Mutex<String?>(nil)

    init() {}

    var login: String? {
        get { account.withLock { $0 } }
        set { account.withLock { $0 = newValue } }
    }
}
