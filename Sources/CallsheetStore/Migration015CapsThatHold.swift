import CallsheetDomain

extension SchemaMigrations {
    /// Version 15: request ids belong to the manager who sent them.
    ///
    /// `call.request_id` was unique across everyone, so two managers' scripts that both
    /// number their requests `r-1` collided (the second got CONFLICT for a call it never
    /// made). A request id now identifies a call within one manager's calls: the retry of a
    /// manager's own request is answered with the recorded call, another manager's same id
    /// is simply a different request.
    static let capsThatHold = Migration(
        version: 15, name: "request ids per manager",
        statements: [
            "ALTER TABLE call DROP CONSTRAINT call_request_id_key",
            "CREATE UNIQUE INDEX call_manager_request ON call (manager_id, request_id) WHERE request_id IS NOT NULL",
        ])
}
