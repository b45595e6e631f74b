import CallsheetDomain

extension SchemaMigrations {
    /// Version 13: clients, cases and tasks are never deleted, and the bulk links to them —
    /// a client's phones, audiences and cases, a case's tasks, a task's calls — are kept by
    /// that guard instead of row-level keys.
    ///
    /// A foreign key is checked per inserted row with a `SELECT … FOR KEY SHARE` of the
    /// client, which also writes a lock into the client's tuple: much of the phone insert's
    /// time in a 1,000,000-row import (BENCHMARKS.md), and one more write to every client
    /// row when a wave or `campaign add-clients` touches a million of them. Nothing deletes
    /// a client (history, calls and do-not-call records refer to them for good): the
    /// `client_never_deleted` guard now refuses DELETE and TRUNCATE, and every writer of
    /// these three tables takes its client ids from rows it read in the same transaction
    /// (the import's own inserts and matches, `add-clients`' selection from `client`, the
    /// wave's audience, `assign` and `client edit` after checking the client exists) — the
    /// same arrangement version 3 made for campaigns, waves and managers. Cases close and
    /// tasks are cancelled or done, never removed, so the same holds one level down: a wave
    /// writes a task per case it opens (one key check per task), and every outcome writes a
    /// call of its task and often the case's next task — each writer takes the case or task
    /// id from the row it wrote or updated in the same statement. The low-volume links
    /// (history, do-not-call, assignment events) keep their keys.
    static let neverDeleted = Migration(
        version: 13, name: "clients, cases and tasks never deleted",
        statements: [
            // The hint after the refusal names what to do instead; version 3's parents keep theirs.
            """
            CREATE OR REPLACE FUNCTION callsheet_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% rows are never deleted (% instead): % is not allowed',
                    TG_TABLE_NAME, coalesce(TG_ARGV[0], 'deactivate or close'), TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            """
            CREATE TRIGGER client_never_deleted BEFORE DELETE OR TRUNCATE ON client
                FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted('put them on the do-not-call list or take them out of the audience')
            """,
            "ALTER TABLE client_phone DROP CONSTRAINT client_phone_client_id_fkey",
            "ALTER TABLE campaign_client DROP CONSTRAINT campaign_client_client_id_fkey",
            "ALTER TABLE campaign_case DROP CONSTRAINT campaign_case_client_id_fkey",
            """
            CREATE TRIGGER campaign_case_never_deleted BEFORE DELETE OR TRUNCATE ON campaign_case
                FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted('close the case')
            """,
            """
            CREATE TRIGGER task_never_deleted BEFORE DELETE OR TRUNCATE ON task
                FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted('cancel the task')
            """,
            "ALTER TABLE task DROP CONSTRAINT task_case_id_fkey",
            "ALTER TABLE call DROP CONSTRAINT call_task_id_fkey",
        ])
}
