public import Foundation

/// How failed sign-ins slow guessing down, per account and per client address.
///
/// The first ``freeFailures`` failures within ``window`` cost nothing (people mistype);
/// after that each attempt must wait `baseDelay × 2^(failures − freeFailures)` after the
/// last failure, capped at ``maximumDelay``. Addresses get more free failures than
/// accounts: one office behind one NAT address is many people. An attempt refused by the
/// throttle is not checked at all, so it neither counts as a failure nor lets the guess
/// through.
public struct SignInThrottle: Sendable, Equatable {
    public var freeFailures: Int
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval
    /// Failures older than this are forgotten.
    public var window: TimeInterval

    public init(freeFailures: Int, baseDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3_600, window: TimeInterval = 3_600) {
        self.freeFailures = freeFailures
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.window = window
    }

    /// Per account: 5 free failures, then 30 s, 1 min, 2 min … up to an hour.
    public static let perAccount = SignInThrottle(freeFailures: 5)
    /// Per client address: 20 free failures (a shared office address), then the same.
    public static let perAddress = SignInThrottle(freeFailures: 20)

    /// Failures in the window so far, and when the last one was.
    public struct History: Sendable, Equatable {
        public var failures: Int
        public var lastFailure: Date?

        public init(failures: Int, lastFailure: Date?) {
            self.failures = failures
            self.lastFailure = lastFailure
        }
    }

    /// How long the next attempt must still wait; nil when it may go ahead now.
    public func wait(after history: History, now: Date) -> TimeInterval? {
        guard history.failures >= freeFailures, let last = history.lastFailure else { return nil }
        let exponent = min(history.failures - freeFailures, 30)
        let delay = min(baseDelay * Double(1 << exponent), maximumDelay)
        let remaining = last.addingTimeInterval(delay).timeIntervalSince(now)
        return remaining > 0 ? remaining : nil
    }
}
