/// Where one client's case in a campaign stands. Raw values are the database's words.
public enum CaseState: String, Sendable, CaseIterable, CustomStringConvertible {
    /// On a manager's list, with work ahead.
    case open
    /// Reached the end of the workflow as a sale.
    case won
    /// Refused, or ended without a sale.
    case lost
    /// Closed because the client or their number was put on a do-not-call list.
    case doNotCall = "do-not-call"
    /// Never reached within the attempt caps.
    case unreachable
    /// Taken off a list (unassigned, removed from the audience, campaign closed).
    case cancelled

    public var description: String { rawValue }
}
