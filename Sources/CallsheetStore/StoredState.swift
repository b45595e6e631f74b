import CallsheetDomain

/// The typed states (`CampaignState`, `CaseState`, `TaskState`) are text in the database,
/// kept to their words by `CHECK` constraints; this is the one place they are read back.
protocol StoredState: RawRepresentable where RawValue == String {}

extension StoredState {
    /// The state a stored word names; a word the schema's `CHECK` would not allow is a
    /// store error, not a crash.
    static func stored(_ word: String) throws -> Self {
        guard let state = Self(rawValue: word) else {
            throw StoreError(.invalid, "the database holds an unknown \(Self.self) '\(word)'")
        }
        return state
    }
}

extension CampaignState: StoredState {}
extension CaseState: StoredState {}
extension TaskState: StoredState {}
