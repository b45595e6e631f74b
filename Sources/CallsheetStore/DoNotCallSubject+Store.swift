import CallsheetDomain

extension DoNotCallSubject {
    /// How a client's history names a listing of one of their numbers (`number +48… `).
    var historyPrefix: String { if case .phone(let p) = self { "number \(p) " } else { "" } }
    /// The advisory-lock key that serialises changes to this subject's listings.
    var lockKey: String { "dnc:" + description }
}
