extension SchemaMigrations {
    /// Version 24: the language a person chose on the web pages, kept with their account
    /// so it follows them to the next sign-in and to another browser (nil: the browser's
    /// `Accept-Language` decides); and `assigned` notifications when calls move between
    /// managers (`reassign`, `unassign`), not only when they are created — the agenda
    /// page of both managers updates. Row-level, only on a changed `manager_id` (a claim
    /// never sets it, so the call loop's hot path is untouched); PostgreSQL folds the
    /// identical payloads of one transaction into one notification per manager. And a
    /// `skipped` outbox state: a morning with nothing to send is recorded once, so the
    /// scheduler does not build that person's message again every minute of the day.
    static let accountLanguage = Migration(
        version: 24, name: "account language, moved calls notify, skipped mail",
        statements: [
            "ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_state_check",
            "ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_state_check CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped'))",
            "ALTER TABLE web_account ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}$')",
            """
            CREATE FUNCTION callsheet_notify_task_moved() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('callsheet_events', json_build_object(
                    'kind', 'assigned', 'manager', m.login, 'team', a.login, 'calls', 0)::text)
                FROM manager m JOIN administrator a ON a.id = m.administrator_id
                WHERE m.id IN (OLD.manager_id, NEW.manager_id);
                RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER task_notify_moved AFTER UPDATE OF manager_id ON task
                FOR EACH ROW WHEN (OLD.manager_id IS DISTINCT FROM NEW.manager_id) EXECUTE FUNCTION callsheet_notify_task_moved()
            """,
        ])
}
