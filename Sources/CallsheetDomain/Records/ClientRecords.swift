public import Foundation

/// A client card as stored.
public struct ClientRecord: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        public var e164: String
        public var extensionDigits: String?
        public var raw: String

        public init(e164: String, extensionDigits: String?, raw: String) {
            self.e164 = e164
            self.extensionDigits = extensionDigits
            self.raw = raw
        }
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

    public init(
        id: Int, name: String, contact: String?, email: String?, segment: String, tags: [String], importance: Int, timeZone: String?, externalID: String?, notes: String?,
        importID: Int?, createdAt: Date, phones: [Phone]
    ) {
        self.id = id
        self.name = name
        self.contact = contact
        self.email = email
        self.segment = segment
        self.tags = tags
        self.importance = importance
        self.timeZone = timeZone
        self.externalID = externalID
        self.notes = notes
        self.importID = importID
        self.createdAt = createdAt
        self.phones = phones
    }
}

/// One line of a client's history (docs/domain.md#client-card): what happened, when, by whom.
public struct ClientEventRecord: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var kind: String
    public var summary: String

    public init(at: Date, actor: String, kind: String, summary: String) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.summary = summary
    }
}
