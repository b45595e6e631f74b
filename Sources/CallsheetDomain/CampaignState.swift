/// Where a campaign stands. Raw values are the database's and the console's words.
public enum CampaignState: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Calls are handed out and waves open.
    case active
    /// Nothing is handed out; cases and lists stay as they are (`campaign resume`).
    case paused
    /// Finished for good: open cases were cancelled; it cannot be resumed.
    case closed

    public var description: String { rawValue }
}
