extension SchemaMigrations {
    /// Version 21: every change a screen may want to show at once is announced on the
    /// PostgreSQL channel `callsheet_events` (`NOTIFY`), by triggers — so a change made by
    /// any daemon, the console or a script reaches every daemon's live-update listeners,
    /// and only when its transaction commits. The payload is a small JSON object:
    ///
    /// - `{"kind":"outcome","task":…,"campaign":"…","manager":"…","team":"…","outcome":"…"}`
    ///   for each call recorded;
    /// - `{"kind":"assigned","manager":"…","team":"…","calls":N}` per manager whose calls a
    ///   statement created (a wave, an assignment, a follow-up);
    /// - `{"kind":"wave","campaign":"…","team":"…","week":"…"}` for a wave opened.
    ///
    /// Notifications are hints: the pages re-read state. They are not stored.
    static let changeNotifications = Migration(
        version: 21, name: "change notifications",
        statements: [
            """
            CREATE FUNCTION callsheet_notify_call() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('callsheet_events', json_build_object(
                    'kind', 'outcome', 'task', NEW.task_id, 'campaign', c.name, 'manager', m.login, 'team', a.login,
                    'outcome', NEW.outcome)::text)
                FROM manager m JOIN administrator a ON a.id = m.administrator_id, campaign c
                WHERE m.id = NEW.manager_id AND c.id = NEW.campaign_id;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER call_notify AFTER INSERT ON call FOR EACH ROW EXECUTE FUNCTION callsheet_notify_call()",
            """
            CREATE FUNCTION callsheet_notify_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('callsheet_events', json_build_object(
                    'kind', 'assigned', 'manager', m.login, 'team', a.login, 'calls', n.calls)::text)
                FROM (SELECT manager_id, count(*) AS calls FROM new_tasks GROUP BY manager_id) n
                JOIN manager m ON m.id = n.manager_id JOIN administrator a ON a.id = m.administrator_id;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER task_notify AFTER INSERT ON task REFERENCING NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION callsheet_notify_tasks()",
            """
            CREATE FUNCTION callsheet_notify_wave() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('callsheet_events', json_build_object(
                    'kind', 'wave', 'campaign', c.name, 'team', a.login, 'week', NEW.week)::text)
                FROM campaign c JOIN administrator a ON a.id = c.administrator_id
                WHERE c.id = NEW.campaign_id;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER wave_notify AFTER INSERT ON wave FOR EACH ROW EXECUTE FUNCTION callsheet_notify_wave()",
        ])
}
