import CallsheetDomain

extension SchemaMigrations {
    /// Version 10: `task_pending_own_callback`, each manager's pending personal call-backs by
    /// due time. The claim looks up a manager's own due call-backs and the team's escalated
    /// ones with it; walking `task_pending_callback` (every pending call-back of the
    /// organisation in due order) made each claim read all of them. Nothing else reads that
    /// index, so it goes: it only cost every write of a call-back task.
    static let ownCallbacks = Migration(
        version: 10, name: "own call-backs",
        statements: [
            "CREATE INDEX task_pending_own_callback ON task (manager_id, due_at, id) WHERE state = 'pending' AND personal",
            "DROP INDEX task_pending_callback",
        ])
}
