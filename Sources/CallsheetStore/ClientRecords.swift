import Foundation

/// A client card as stored.
public struct ClientRecord: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        public var e164: String
        public var extensionDigits: String?
        public var raw: String
    }

    public var id: Int
    public var name: String
    public var contact: String?
    public var email: String?
    public var segment: String
    public var tags: [String]
    public var importance: Int
    public var timeZone: String?
    public var externalID: String?
    public var notes: String?
    public var importID: Int?
    public var createdAt: Date
    public var phones: [Phone]
}

/// One line of a client's history: what happened, when, by whom.
public struct ClientEventRecord: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var kind: String
    public var summary: String
}
