/// Who did something, as history records it: the console peer's uid and name and role.
///
/// Every change to the directory, the do-not-call lists and (later) cases carries one, so
/// "who removed this client from the list, and when" always has an answer.
public struct ActingUser: Sendable, Equatable {
    public var uid: UInt32
    public var name: String?
    public var role: Role

    public init(uid: UInt32, name: String?, role: Role) {
        self.uid = uid
        self.name = name
        self.role = role
    }

    /// `alice (uid 1000)` — for history and lists.
    public var label: String { name.map { "\($0) (uid \(uid))" } ?? "uid \(uid)" }
}
