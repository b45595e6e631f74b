import CallsheetDomain

extension SchemaMigrations {
    /// Version 3: workflow snapshots, campaigns and their audiences, weekly waves, cases
    /// (one client in one campaign, from assignment to a closing state) and their tasks.
    ///
    /// - `workflow_version` keeps every workflow definition a campaign was created with
    ///   (JSON of `Workflow`), so editing a file never changes a running campaign.
    /// - A wave's assignments *are* its `campaign_case` rows (wave, manager, opened_at): no
    ///   second row per client is written when a million clients are distributed. Changes
    ///   made mid-week (assign, reassign, unassign) are recorded in `assignment_event`.
    /// - At most one open case per client and campaign (partial unique index); the last
    ///   case of a client gives continuity (its manager) for the next wave.
    /// - `campaign_case` references its campaign, wave and manager without foreign keys: a
    ///   wave writes a million cases pointing at one campaign, one wave and a thousand
    ///   managers, and three row-level key checks per case cost a third of the wave's time
    ///   (EXPLAIN ANALYZE in BENCHMARKS.md). Those parents are never deleted instead — the
    ///   `callsheet_never_deleted` guard refuses DELETE and TRUNCATE on administrator,
    ///   manager, campaign and wave — and every writer takes the ids from rows it read in
    ///   the same transaction. The task → case link keeps its foreign key; the client link
    ///   kept its key until version 13, which guards clients the same way.
    /// - `task` holds the due work. RULE (docs/domain.md#do-not-call): marking a client or phone do-not-call
    ///   cancels every pending task and open case of that client in the same transaction
    ///   (`StoreTransaction.cancelPendingWork`), and wave opening takes the do-not-call
    ///   lock in shared mode so a listing cannot slip between its check and its commit.
    static let campaigns = Migration(
        version: 3, name: "campaigns",
        statements: [
            """
            CREATE TABLE workflow_version (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name        text NOT NULL,
                version     integer NOT NULL,
                definition  jsonb NOT NULL,
                stored_at   timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE UNIQUE INDEX workflow_version_content ON workflow_version (name, version, md5(definition::text))",
            """
            CREATE TABLE campaign (
                id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name                 text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
                administrator_id     bigint NOT NULL REFERENCES administrator,
                workflow_version_id  bigint NOT NULL REFERENCES workflow_version,
                state                text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'closed')),
                calling_start        smallint NOT NULL CHECK (calling_start BETWEEN 0 AND 1440),
                calling_end          smallint NOT NULL CHECK (calling_end BETWEEN 0 AND 1440 AND calling_end > calling_start),
                event_day            smallint CHECK (event_day BETWEEN 1 AND 7),
                budget               numeric(14, 2) CHECK (budget >= 0),
                working_days         smallint[] NOT NULL DEFAULT '{1,2,3,4,5}' CHECK (cardinality(working_days) > 0 AND working_days <@ '{1,2,3,4,5,6,7}'),
                holidays             date[] NOT NULL DEFAULT '{}',
                auto_wave            smallint CHECK (auto_wave BETWEEN 1 AND 7),
                created_at           timestamptz NOT NULL DEFAULT now(),
                updated_at           timestamptz NOT NULL DEFAULT now()
            )
            """,
            "ALTER TABLE dnc_event ADD FOREIGN KEY (campaign_id) REFERENCES campaign",
            "ALTER TABLE dnc_listing ADD FOREIGN KEY (campaign_id) REFERENCES campaign",
            """
            CREATE TABLE campaign_client (
                campaign_id  bigint NOT NULL REFERENCES campaign,
                client_id    bigint NOT NULL REFERENCES client,
                added_at     timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (campaign_id, client_id)
            )
            """,
            """
            CREATE TABLE wave (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                campaign_id  bigint NOT NULL REFERENCES campaign,
                week         text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
                starts_on    date NOT NULL,
                opened_at    timestamptz NOT NULL DEFAULT now(),
                opened_by    text NOT NULL,
                assigned     integer NOT NULL,
                skipped      integer NOT NULL,
                managers     integer NOT NULL,
                moved        integer NOT NULL,
                UNIQUE (campaign_id, week)
            )
            """,
            """
            CREATE TABLE campaign_case (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                campaign_id   bigint NOT NULL,
                client_id     bigint NOT NULL REFERENCES client,
                wave_id       bigint,
                manager_id    bigint NOT NULL,
                state         text NOT NULL DEFAULT 'open'
                              CHECK (state IN ('open', 'won', 'lost', 'do-not-call', 'unreachable', 'cancelled')),
                step          text NOT NULL,
                opened_at     timestamptz NOT NULL DEFAULT now(),
                closed_at     timestamptz,
                close_reason  text
            )
            """,
            // Client first: the do-not-call rule finds a client's open cases in every campaign.
            "CREATE UNIQUE INDEX campaign_case_open ON campaign_case (client_id, campaign_id) WHERE state = 'open'",
            """
            CREATE FUNCTION callsheet_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% rows are never deleted (deactivate or close instead): % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            "CREATE TRIGGER administrator_never_deleted BEFORE DELETE OR TRUNCATE ON administrator FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted()",
            "CREATE TRIGGER manager_never_deleted BEFORE DELETE OR TRUNCATE ON manager FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted()",
            "CREATE TRIGGER campaign_never_deleted BEFORE DELETE OR TRUNCATE ON campaign FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted()",
            "CREATE TRIGGER wave_never_deleted BEFORE DELETE OR TRUNCATE ON wave FOR EACH STATEMENT EXECUTE FUNCTION callsheet_never_deleted()",
            "CREATE INDEX campaign_case_client ON campaign_case (campaign_id, client_id, id)",
            "CREATE INDEX campaign_case_wave ON campaign_case (wave_id, manager_id)",
            "CREATE INDEX campaign_case_manager_open ON campaign_case (manager_id) WHERE state = 'open'",
            """
            CREATE TABLE task (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                case_id      bigint NOT NULL REFERENCES campaign_case,
                campaign_id  bigint NOT NULL,
                client_id    bigint NOT NULL,
                manager_id   bigint NOT NULL,
                step         text NOT NULL,
                kind         text NOT NULL,
                due_on       date NOT NULL,
                due_at       timestamptz,
                attempt      integer NOT NULL DEFAULT 1,
                state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'cancelled')),
                created_at   timestamptz NOT NULL DEFAULT now(),
                closed_at    timestamptz
            )
            """,
            "CREATE INDEX task_case ON task (case_id)",
            "CREATE INDEX task_pending_manager ON task (manager_id, due_on) WHERE state = 'pending'",
            "CREATE INDEX task_pending_client ON task (client_id) WHERE state = 'pending'",
            """
            CREATE TABLE assignment_event (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at               timestamptz NOT NULL DEFAULT now(),
                kind             text NOT NULL CHECK (kind IN ('assign', 'reassign', 'unassign')),
                campaign_id      bigint NOT NULL REFERENCES campaign,
                client_id        bigint NOT NULL REFERENCES client,
                case_id          bigint NOT NULL REFERENCES campaign_case,
                from_manager_id  bigint REFERENCES manager,
                to_manager_id    bigint REFERENCES manager,
                actor_uid        bigint,
                actor_name       text
            )
            """,
            "CREATE INDEX assignment_event_client ON assignment_event (client_id, at)",
            """
            CREATE TRIGGER assignment_event_append_only BEFORE UPDATE OR DELETE ON assignment_event
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
        ])
}
