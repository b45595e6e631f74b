import Foundation

/// Counts written to `client_import` when an import ends.
public struct ImportCounts: Sendable, Equatable {
    public var read = 0, inserted = 0, updated = 0, skipped = 0, rejected = 0
    /// Clients the sheet's status put on the global do-not-call list (not stored in `client_import`).
    public var doNotCall = 0
    public init() {}
}
