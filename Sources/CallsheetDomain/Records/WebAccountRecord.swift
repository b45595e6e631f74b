public import Foundation

/// A person of the directory as `account list` shows them: whether they can sign in on the
/// web (a password, a pending invitation) and how many sessions they have open.
public struct WebAccountRecord: Sendable, Equatable {
    public var login: String
    public var name: String
    public var role: Role
    public var passwordSetAt: Date?
    public var inviteExpiresAt: Date?
    public var revokedAt: Date?
    public var openSessions: Int

    public init(login: String, name: String, role: Role, passwordSetAt: Date?, inviteExpiresAt: Date?, revokedAt: Date?, openSessions: Int) {
        self.login = login
        self.name = name
        self.role = role
        self.passwordSetAt = passwordSetAt
        self.inviteExpiresAt = inviteExpiresAt
        self.revokedAt = revokedAt
        self.openSessions = openSessions
    }
}
