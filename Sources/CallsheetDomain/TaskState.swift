/// Where one due call stands. Raw values are the database's words.
public enum TaskState: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Due (now or later), possibly claimed by a manager under a lease.
    case pending
    /// Called: an outcome was recorded.
    case done
    /// Will not be called (listing, unassignment, a newer task replaced it).
    case cancelled

    public var description: String { rawValue }
}
