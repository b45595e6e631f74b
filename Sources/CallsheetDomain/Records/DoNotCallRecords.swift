public import Foundation

/// What a do-not-call entry is about: a phone number or a client.
public enum DoNotCallSubject: Sendable, Equatable, CustomStringConvertible {
    case phone(String)
    case client(Int)

    public var description: String {
        switch self {
        case .phone(let e164): e164
        case .client(let id): "client #\(id)"
        }
    }

    public var phone: String? { if case .phone(let p) = self { p } else { nil } }
    public var clientID: Int? { if case .client(let id) = self { id } else { nil } }
}

/// One current do-not-call listing.
public struct DoNotCallListing: Sendable, Equatable {
    public var subject: DoNotCallSubject
    /// nil: the global list.
    public var campaignID: Int?
    public var since: Date
    public var reason: String
    public var addedBy: String

    public init(subject: DoNotCallSubject, campaignID: Int?, since: Date, reason: String, addedBy: String) {
        self.subject = subject
        self.campaignID = campaignID
        self.since = since
        self.reason = reason
        self.addedBy = addedBy
    }
}
