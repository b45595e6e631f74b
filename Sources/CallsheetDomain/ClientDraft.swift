import Foundation

/// A client as typed by a person or read from a spreadsheet row, before validation.
public struct ClientFields: Sendable, Equatable {
    public var name: String?
    public var contact: String?
    public var phones: [String] = []
    public var email: String?
    public var segment: String?
    public var tags: [String] = []
    public var importance: String?
    public var timeZone: String?
    public var externalID: String?
    public var notes: String?
    /// The sheet's `status` column (``ClientSheetStatus``); import only.
    public var status: String?

    public init() {}
}

/// A validated client, ready to store: normalised phones, a known segment, a time zone.
///
/// One validation for every way clients arrive (console, CSV import), so a row that the
/// import rejects is rejected for the same reason `client add` would give.
public struct ClientDraft: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        public var number: PhoneNumber
        public var raw: String

        public init(number: PhoneNumber, raw: String) {
            self.number = number
            self.raw = raw
        }
    }

    public var name: String
    public var contact: String?
    public var phones: [Phone]
    public var email: String?
    public var segment: ClientSegment
    public var tags: [String]
    public var importance: Int
    /// Given, or derived from the first phone's country.
    public var timeZone: String?
    public var externalID: String?
    public var notes: String?
    /// The sheet's status (import only): a do-not-call listing to make, or a tag to set.
    public var status: ClientSheetStatus?

    /// Validates `fields`; on failure, every problem found (not just the first).
    public static func validate(_ fields: ClientFields, defaultCountry: CallingCountry) -> Result<ClientDraft, ClientProblems> {
        var problems: [String] = []
        let name = fields.name.clean
        if name == nil { problems.append("name is missing") }
        var phones: [Phone] = []
        let rawPhones = fields.phones.compactMap(\.clean)
        if rawPhones.isEmpty { problems.append("phone is missing") }
        for raw in rawPhones {
            do {
                let number = try PhoneNumber.parse(raw, defaultCountry: defaultCountry)
                if !phones.contains(where: { $0.number.e164 == number.e164 }) { phones.append(Phone(number: number, raw: raw)) }
            } catch {
                problems.append(error.description)
            }
        }
        let email = fields.email.clean
        if let email, !isEmailLike(email) { problems.append("e-mail \"\(email)\" is not an e-mail address") }
        let segment = ClientSegment(text: fields.segment ?? "")
        if segment == nil { problems.append("segment \"\(fields.segment ?? "")\" is not one of individual, company, vip, foreign") }
        var importance = 0
        if let text = fields.importance.clean {
            if let value = Int(text), (0...10).contains(value) {
                importance = value
            } else {
                problems.append("importance \"\(text)\" must be a whole number from 0 to 10")
            }
        }
        var zone = fields.timeZone.clean
        if let given = zone, let problem = DirectoryRules.validTimeZone(given) { problems.append(problem) }
        if zone == nil { zone = phones.first?.number.country.flatMap(CallingCountry.named)?.timeZone }
        let tags = fields.tags.compactMap(\.clean).map { $0.lowercased() }
        guard problems.isEmpty, let name, let segment else { return .failure(ClientProblems(problems)) }
        return .success(
            ClientDraft(
                name: name, contact: fields.contact.clean, phones: phones, email: email, segment: segment,
                tags: Array(Set(tags)).sorted(), importance: importance, timeZone: zone,
                externalID: fields.externalID.clean, notes: fields.notes.clean, status: ClientSheetStatus(fields.status)
            ))
    }

    /// `local@domain.tld` with no spaces; checked on bytes (this runs for every imported row).
    static func isEmailLike(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        let domain = bytes[(at + 1)...]
        guard let first = domain.first, let last = domain.last, first != UInt8(ascii: "."), last != UInt8(ascii: "."),
            domain.contains(UInt8(ascii: "."))
        else { return false }
        return !bytes.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// Everything wrong with one client's fields, each a phrase like `phone "12ab" is not a phone number`.
public struct ClientProblems: Error, Sendable, Equatable {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var summary: String { problems.joined(separator: "; ") }
}

extension Optional where Wrapped == String {
    /// Trimmed, with empty meaning absent. The common case (nothing to trim) allocates nothing.
    var clean: String? {
        guard let text = self, let first = text.utf8.first, let last = text.utf8.last else { return nil }
        if !Self.isASCIISpace(first) && !Self.isASCIISpace(last) && first < 0x80 && last < 0x80 { return text }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension String {
    var clean: String? { Optional(self).clean }
}
