import Foundation

/// `calls:` settings: leases, the re-call gap, call-back escalation and limits, and which
/// OS account works as which manager.
public struct CallSettings: Sendable, Equatable {
    /// `lease_minutes`: how long a claimed call stays with its manager without an outcome
    /// before it goes back to the queue. Default 15.
    public var leaseMinutes: Int
    /// `min_gap_minutes`: no phone number is called twice within this many minutes, across
    /// all campaigns, managers and client cards that share it (counted from the start and
    /// again from the end of the last call). Default 2.
    public var minimumGapMinutes: Int
    /// `escalate_after_minutes`: a personal call-back overdue this long becomes claimable by
    /// the rest of the owner's team. Default 60.
    public var escalateAfterMinutes: Int
    /// `max_open_callbacks`: personal call-backs one manager may hold open. Default 40.
    public var maximumOpenCallbacks: Int
    /// `manager_accounts`: OS user → manager login, for console sessions of managers whose
    /// OS login differs from their manager login (the default is the same name).
    public var managerAccounts: [String: String]

    public init(
        leaseMinutes: Int = 15, minimumGapMinutes: Int = 2, escalateAfterMinutes: Int = 60, maximumOpenCallbacks: Int = 40,
        managerAccounts: [String: String] = [:]
    ) {
        self.leaseMinutes = leaseMinutes
        self.minimumGapMinutes = minimumGapMinutes
        self.escalateAfterMinutes = escalateAfterMinutes
        self.maximumOpenCallbacks = maximumOpenCallbacks
        self.managerAccounts = managerAccounts
    }

    /// The manager login an OS user works as.
    public func managerLogin(forOSUser user: String) -> String { managerAccounts[user] ?? user }
}
