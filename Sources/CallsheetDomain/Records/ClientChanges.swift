import Foundation

/// Fields `client edit` may set; nil leaves a field unchanged.
public struct ClientChanges: Sendable {
    public var name: String?
    public var contact: String?
    public var email: String?
    public var segment: String?
    public var tags: [String]?
    public var importance: Int?
    public var timeZone: String?
    public var externalID: String?
    public var notes: String?

    public init() {}
}
