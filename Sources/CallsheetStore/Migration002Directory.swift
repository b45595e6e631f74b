import CallsheetDomain

extension SchemaMigrations {
    /// Version 2: administrators, managers, clients with their phones, imports, the client
    /// history, and the do-not-call lists.
    ///
    /// Bulk import writes every client row once, so `client` carries only the indexes a hot
    /// query needs; `import_id`/`import_line` record where an imported client came from and
    /// its "imported" history line is derived from them rather than stored a million times.
    ///
    /// Do-not-call keeps two tables: `dnc_event`, the append-only history of every add and
    /// remove (who, when, why), and `dnc_listing`, the current state maintained in the same
    /// transaction, indexed for the claim query. RULE for every later feature: marking a
    /// client or phone do-not-call must, in that same transaction, cancel everything pending
    /// for the client (see `DoNotCallStore.add`), and every fetch must check `dnc_listing`.
    static let directory = Migration(
        version: 2, name: "directory",
        statements: [
            """
            CREATE TABLE administrator (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                login       text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
                name        text NOT NULL CHECK (name <> ''),
                created_at  timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE manager (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                login             text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
                name              text NOT NULL CHECK (name <> ''),
                administrator_id  bigint NOT NULL REFERENCES administrator,
                capacity          integer NOT NULL DEFAULT 100 CHECK (capacity BETWEEN 0 AND 100000),
                time_zone         text NOT NULL,
                active            boolean NOT NULL DEFAULT true,
                created_at        timestamptz NOT NULL DEFAULT now(),
                updated_at        timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX manager_team ON manager (administrator_id) WHERE active",
            """
            CREATE TABLE client_import (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source       text,
                actor_uid    bigint,
                actor_name   text,
                started_at   timestamptz NOT NULL DEFAULT now(),
                rows_read    integer NOT NULL DEFAULT 0,
                inserted     integer NOT NULL DEFAULT 0,
                updated      integer NOT NULL DEFAULT 0,
                skipped      integer NOT NULL DEFAULT 0,
                rejected     integer NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE client (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name         text NOT NULL CHECK (name <> ''),
                contact      text,
                email        text,
                segment      text NOT NULL DEFAULT 'company' CHECK (segment IN ('individual', 'company', 'vip', 'foreign')),
                tags         text[] NOT NULL DEFAULT '{}',
                importance   smallint NOT NULL DEFAULT 0 CHECK (importance BETWEEN 0 AND 10),
                time_zone    text,
                external_id  text,
                notes        text,
                import_id    bigint,
                import_line  integer,
                created_at   timestamptz NOT NULL DEFAULT now(),
                updated_at   timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE UNIQUE INDEX client_external_id ON client (external_id) WHERE external_id IS NOT NULL",
            "CREATE INDEX client_by_import ON client (import_id) WHERE import_id IS NOT NULL",
            """
            CREATE TABLE client_phone (
                client_id   bigint NOT NULL REFERENCES client ON DELETE CASCADE,
                position    smallint NOT NULL,
                e164        text NOT NULL CHECK (e164 ~ '^\\+[1-9][0-9]{7,14}$'),
                extension   text,
                raw         text NOT NULL,
                country     text,
                PRIMARY KEY (client_id, position)
            )
            """,
            "CREATE INDEX client_phone_e164 ON client_phone (e164)",
            """
            CREATE TABLE client_event (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                client_id   bigint NOT NULL REFERENCES client,
                at          timestamptz NOT NULL DEFAULT now(),
                actor_uid   bigint,
                actor_name  text,
                kind        text NOT NULL,
                detail      jsonb NOT NULL DEFAULT '{}'::jsonb
            )
            """,
            "CREATE INDEX client_event_client ON client_event (client_id, at)",
            """
            CREATE TRIGGER client_event_append_only BEFORE UPDATE OR DELETE ON client_event
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
            """
            CREATE TABLE dnc_event (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at           timestamptz NOT NULL DEFAULT now(),
                action       text NOT NULL CHECK (action IN ('add', 'remove')),
                campaign_id  bigint,
                phone_e164   text,
                client_id    bigint REFERENCES client,
                reason       text,
                actor_uid    bigint,
                actor_name   text,
                CHECK ((phone_e164 IS NULL) <> (client_id IS NULL))
            )
            """,
            """
            CREATE TRIGGER dnc_event_append_only BEFORE UPDATE OR DELETE ON dnc_event
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
            """
            CREATE TABLE dnc_listing (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                campaign_id  bigint,
                phone_e164   text,
                client_id    bigint REFERENCES client,
                since        timestamptz NOT NULL,
                reason       text NOT NULL,
                added_by     text NOT NULL,
                event_id     bigint NOT NULL REFERENCES dnc_event,
                CHECK ((phone_e164 IS NULL) <> (client_id IS NULL))
            )
            """,
            "CREATE UNIQUE INDEX dnc_listing_phone ON dnc_listing (phone_e164, coalesce(campaign_id, 0)) WHERE phone_e164 IS NOT NULL",
            "CREATE UNIQUE INDEX dnc_listing_client ON dnc_listing (client_id, coalesce(campaign_id, 0)) WHERE client_id IS NOT NULL",
        ])
}
