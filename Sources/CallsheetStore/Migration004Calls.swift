import CallsheetDomain

extension SchemaMigrations {
    /// Version 4: the call loop. Claims and leases on tasks, the append-only call history,
    /// attempt counters and the per-client re-call guard.
    ///
    /// - A task is claimed by setting `claimed_by`/`lease_until` in the statement that picks
    ///   it (`FOR UPDATE SKIP LOCKED`); an expired lease is free again for the next claim.
    /// - `origin` orders the queue: personal call-backs first, then follow-ups and retries,
    ///   then fresh wave entries (`task_queue` is that order, so a claim stops early).
    /// - `call` is the history of every finished call (append-only): who, when claimed, when
    ///   finished, outcome, note, amount. `request_id` makes a repeated outcome a no-op.
    /// - `client_contact` holds, per client, when they were last called (set when a call is
    ///   claimed and when it ends): no two campaigns call one client within the minimum gap.
    ///   Version 12 replaces it with `phone_contact`, per number.
    /// - `campaign_client.calls_*` count calls per client and campaign for the daily and
    ///   lifetime caps, maintained in the outcome's transaction.
    /// RULE (docs/domain.md#do-not-call): a do-not-call listing cancels pending tasks; claims check
    /// `dnc_listing` again at fetch time.
    static let calls = Migration(
        version: 4, name: "calls",
        statements: [
            """
            ALTER TABLE task
                ADD COLUMN origin text NOT NULL DEFAULT 'wave' CHECK (origin IN ('wave', 'follow-up', 'retry', 'callback')),
                ADD COLUMN personal boolean NOT NULL DEFAULT false,
                ADD COLUMN claimed_by bigint,
                ADD COLUMN claimed_at timestamptz,
                ADD COLUMN lease_until timestamptz
            """,
            "CREATE INDEX task_pending_callback ON task (due_at, id) WHERE state = 'pending' AND personal",
            // The claim's order for a manager's own queue: follow-ups and retries before fresh entries, oldest due first.
            "CREATE INDEX task_queue ON task (manager_id, (CASE origin WHEN 'wave' THEN 1 ELSE 0 END), due_on, due_at, id) WHERE state = 'pending' AND NOT personal",
            "CREATE INDEX task_claimed ON task (claimed_by) WHERE state = 'pending' AND claimed_by IS NOT NULL",
            """
            ALTER TABLE campaign
                ADD COLUMN daily_cap smallint NOT NULL DEFAULT 3 CHECK (daily_cap > 0),
                ADD COLUMN lifetime_cap smallint NOT NULL DEFAULT 12 CHECK (lifetime_cap > 0)
            """,
            """
            ALTER TABLE campaign_client
                ADD COLUMN calls_total integer NOT NULL DEFAULT 0,
                ADD COLUMN calls_today integer NOT NULL DEFAULT 0,
                ADD COLUMN calls_day date
            """,
            """
            CREATE TABLE client_contact (
                client_id     bigint PRIMARY KEY REFERENCES client,
                last_call_at  timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE call (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                task_id      bigint NOT NULL REFERENCES task,
                case_id      bigint NOT NULL,
                campaign_id  bigint NOT NULL,
                client_id    bigint NOT NULL,
                manager_id   bigint NOT NULL,
                step         text NOT NULL,
                attempt      integer NOT NULL,
                claimed_at   timestamptz NOT NULL,
                finished_at  timestamptz NOT NULL,
                outcome      text NOT NULL,
                note         text,
                amount       numeric(14, 2),
                reason       text,
                quality      text,
                next_step    text,
                next_due     date,
                request_id   text UNIQUE,
                actor_uid    bigint,
                actor_name   text
            )
            """,
            "CREATE INDEX call_client ON call (client_id, finished_at)",
            "CREATE INDEX call_manager ON call (manager_id, finished_at)",
            """
            CREATE TRIGGER call_append_only BEFORE UPDATE OR DELETE ON call
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
        ])
}
