import Foundation

/// How web accounts work on this site. Defaults are what an office on the web needs.
public struct AccountSettings: Sendable, Equatable {
    /// The address people open the web screens at (`http.public_url`, else the listener's
    /// own address); invitations link under it. Nil when the HTTP listener is off.
    public var publicURL: String?
    /// How long an invitation link works (48 h).
    public var invitationHours: Int
    /// Bcrypt's cost: 2^cost rounds. 12 is about a quarter second here, slow enough to make
    /// guessing from a stolen database expensive and fast enough for a sign-in.
    public var bcryptCost: UInt8

    public init(publicURL: String? = nil, invitationHours: Int = 48, bcryptCost: UInt8 = 12) {
        self.publicURL = publicURL
        self.invitationHours = invitationHours
        self.bcryptCost = bcryptCost
    }
}
