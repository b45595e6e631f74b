extension SchemaMigrations {
    /// Version 25: call-backs for the team. A manager booking a call-back chooses "only me"
    /// (the default: the team may take it only once it is `calls.escalate_after_minutes`
    /// overdue) or "my team" (any manager of the same administrator may take it as soon as
    /// it is due, the booking manager first among equals). The claim's call-back pick already
    /// reads the team's personal call-backs through `task_pending_own_callback`; the flag is
    /// checked on those few rows, so no index changes. And `released` client events keep why
    /// a manager gave a call back without an outcome.
    static let teamCallbacks = Migration(
        version: 25, name: "team call-backs",
        statements: [
            "ALTER TABLE task ADD COLUMN for_team boolean NOT NULL DEFAULT false",
            "ALTER TABLE task ADD CONSTRAINT task_for_team_personal CHECK (NOT for_team OR personal)",
        ])
}
