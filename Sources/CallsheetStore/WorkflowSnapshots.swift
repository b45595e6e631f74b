import CallsheetDomain
import Foundation
import Synchronization

/// Decoded workflow snapshots by `workflow_version` id, so the call loop does not decode a
/// campaign's workflow JSON on every `next` and `outcome`.
///
/// An entry can never go stale: a `workflow_version` row is written once and never
/// updated (a changed workflow file becomes a new version; migration 5 makes the table
/// append-only), so the id names one definition forever.
public final class WorkflowSnapshots: Sendable {
    private let decoded = Mutex<[Int: Workflow]>([:])

    public init() {}

    /// The workflow of `version`, decoding `definition()` (its JSON) only the first time.
    func workflow(version: Int, definition: () async throws -> String) async throws -> Workflow {
        if let known = decoded.withLock({ $0[version] }) { return known }
        let workflow = try JSONDecoder().decode(Workflow.self, from: Data(try await definition().utf8))
        decoded.withLock { $0[version] = workflow }
        return workflow
    }
}

extension StoreTransaction {
    /// The workflow snapshot `version` (from the cache, else read and decoded once).
    func workflow(version: Int) async throws -> Workflow {
        try await workflows.workflow(version: version) {
            try await collect("SELECT definition::text FROM workflow_version WHERE id = \(version)") { try $0.decode(String.self) }[0]
        }
    }
}
