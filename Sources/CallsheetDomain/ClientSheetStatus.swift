/// The `status` column of a client spreadsheet, read on import.
///
/// Seed 004's sheets carry a current value per client ("no answer", "call back", "client",
/// "black list", "refused", …) and `status` is among the columns people keep. Two
/// kinds of value matter differently: a black-list / do-not-call value means nobody may call
/// the client again, so the import lists the client on the global do-not-call list (in the
/// import's transaction); any other value is kept as the tag `status:VALUE` (replacing an
/// earlier `status:` tag on `--update`), which every report filters by (`--tag`), so
/// nothing the sheet said is lost.
public enum ClientSheetStatus: Sendable, Equatable {
    /// The client asked not to be called (the value as written, for the listing's reason).
    case doNotCall(String)
    /// Any other status, as the tag to set (`status:` and the value in lower case).
    case tag(String)

    public var doNotCallValue: String? { if case .doNotCall(let value) = self { value } else { nil } }
    public var tag: String? { if case .tag(let tag) = self { tag } else { nil } }

    /// Values that mean "never call": English, and the words of the seeds' languages.
    public static let doNotCallWords: Set<String> = [
        "do-not-call", "do not call", "dnc", "black list", "blacklist", "black-list", "blacklisted", "black-listed",
        "czarna lista", "nie dzwonić", "nie dzwonic", "черный список", "чёрный список", "не звонить",
        "juodasis sąrašas", "juodas sąrašas", "neskambinti", "lista neagra", "lista neagră", "nu suna", "nu sunati", "nu sunați",
    ]

    /// nil for an empty cell.
    public init?(_ text: String?) {
        guard let value = text.clean else { return nil }
        let key = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        self = Self.doNotCallWords.contains(key) ? .doNotCall(value) : .tag("status:" + key)
    }
}
