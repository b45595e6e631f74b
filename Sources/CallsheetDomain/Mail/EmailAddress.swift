/// An e-mail address as people type it into a directory: `local@domain`, checked for what
/// a relay would refuse (no spaces or control characters, one `@`, a dotted domain of
/// letters, digits and hyphens, at most 254 characters). Internationalised domains must be
/// written in their `xn--` form; the local part may be UTF-8 (SMTPUTF8 relays accept it).
public struct EmailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let text: String

    public init?(_ text: String) {
        guard Self.problem(with: text) == nil else { return nil }
        self.text = text
    }

    public var description: String { text }

    /// The part after the `@` (message ids are made under it).
    public var domain: String { text.split(separator: "@").last.map(String.init) ?? text }

    /// Why `text` is not an address; nil when it is.
    public static func problem(with text: String) -> String? {
        guard !text.isEmpty else { return "an e-mail address is empty" }
        guard text.utf8.count <= 254 else { return "an e-mail address has at most 254 characters" }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;:\\\"[]".unicodeScalars.contains($0) }) else {
            return "\"\(text)\" has a space, a control character or one of <>(),;:\\\"[] — write the bare address, such as anna@example.com"
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return "\"\(text)\" is not an address like anna@example.com" }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            })
        else {
            return "\"\(parts[1])\" is not a domain like example.com (internationalised domains in their xn-- form)"
        }
        return nil
    }
}
