import Foundation

/// The shape rules for what people type into the directory: logins, time zones, segments.
///
/// Pure checks with user-facing reasons; the store enforces the same rules again with
/// CHECK constraints so that no other path can store a bad value.
public enum DirectoryRules {
    /// Lower-case letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 63.
    public static func validLogin(_ login: String) -> String? {
        let ok =
            !login.isEmpty && login.count <= 63
            && login.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }
            && login.unicodeScalars.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } == true
        return ok ? nil : "login \"\(login)\" must be 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
    }

    /// An IANA place name (`Europe/Warsaw`), or why not and what to write instead (``TimeZoneRule``).
    public static func validTimeZone(_ name: String) -> String? {
        TimeZoneRule.problem(with: name)
    }
}

/// What kind of client this is (docs/domain.md#client-card); reports filter by it.
public enum ClientSegment: String, Sendable, CaseIterable {
    case individual, company, vip, foreign

    /// Accepts the names in any case, and `VIP`, `private`/`person` for individual, `business`/`firm` for company,
    /// and the words the sheets of the seed languages use (Polish, Russian, Lithuanian, Romanian), as the
    /// column headers are (`ClientCSVHeader+Translations.swift`).
    public init?(text: String) {
        if let exact = ClientSegment(rawValue: text) {
            self = exact
            return
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "individual", "private", "person",
            "osoba prywatna", "osoba fizyczna", "частное лицо", "физ. лицо", "физ.лицо", "физлицо", "физическое лицо",
            "privatus asmuo", "fizinis asmuo", "persoană fizică", "persoana fizica":
            self = .individual
        case "company", "business", "firm", "",
            "firma", "przedsiębiorstwo", "компания", "организация", "юр. лицо", "юр.лицо", "юрлицо", "юридическое лицо",
            "įmonė", "juridinis asmuo", "companie", "persoană juridică", "persoana juridica":
            self = .company
        case "vip": self = .vip
        case "foreign", "zagraniczny", "zagraniczna", "иностранный", "иностранная", "иностранец", "užsienio", "užsienietis",
            "străin", "strain", "străină":
            self = .foreign
        default: return nil
        }
    }
}
