/// Why a client of the audience is not put in a new wave. The raw values are what the
/// pool query writes and what the console names (`skipped_open_case=`…).
public enum WaveSkipReason: String, Sendable, CaseIterable {
    /// Already on a manager's list in this campaign.
    case openCase = "open case"
    /// Their case in this campaign is closed (won, lost, refused).
    case closed
    /// On the do-not-call list (global or the campaign's).
    case doNotCall = "do-not-call"
}
