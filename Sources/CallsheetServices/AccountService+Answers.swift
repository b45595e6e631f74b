public import CallsheetDomain
public import Foundation

extension AccountService {
    /// `account invite`: the link to send the person (shown once).
    public struct Invitation: Sendable, Equatable {
        public var login: String
        public var link: String
        public var token: String
        public var expiresAt: Date
    }

    /// `account revoke`: what ended.
    public struct Revocation: Sendable, Equatable {
        public var login: String
        public var sessions: Int
        public var tokens: Int
    }

    /// How a password sign-in went.
    public enum SignIn: Sendable, Equatable {
        case signedIn(Caller)
        /// Wrong login or password (which of the two is not told).
        case refused
        /// Too many recent failures for this login or address.
        case throttled(retryAfterSeconds: Int)
    }
}
