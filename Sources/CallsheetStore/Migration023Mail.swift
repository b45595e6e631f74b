extension SchemaMigrations {
    /// Version 23: e-mail addresses in the directory, and the outbox of the daily e-mail.
    ///
    /// `mail_outbox` holds each message as it will be sent (rendered once, so a retry sends
    /// the same bytes). A scheduled message has a unique key per person, kind and day —
    /// however many daemons enqueue, there is one row; senders claim rows with
    /// `FOR UPDATE SKIP LOCKED` and mark them `sending` before talking to the relay, `sent`
    /// after its `250`. A row left `sending` (a crash between the relay's answer and the
    /// commit) goes back to `pending` after ten minutes: the one window where a message can
    /// arrive twice.
    static let mail = Migration(
        version: 23, name: "mail",
        statements: [
            "ALTER TABLE administrator ADD COLUMN email text CHECK (email <> '')",
            "ALTER TABLE manager ADD COLUMN email text CHECK (email <> '')",
            "ALTER TABLE viewer ADD COLUMN email text CHECK (email <> '')",
            """
            CREATE TABLE mail_outbox (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind            text NOT NULL CHECK (kind IN ('manager-day', 'admin-day', 'manual', 'test')),
                login           text,
                address         text NOT NULL,
                day             date,
                subject         text NOT NULL,
                message         text NOT NULL,
                message_id      text NOT NULL UNIQUE,
                state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL DEFAULT now(),
                give_up_at      timestamptz NOT NULL,
                last_error      text,
                created_at      timestamptz NOT NULL DEFAULT now(),
                sending_since   timestamptz,
                sent_at         timestamptz
            )
            """,
            "CREATE UNIQUE INDEX mail_outbox_daily ON mail_outbox (kind, login, day) WHERE kind IN ('manager-day', 'admin-day')",
            "CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'pending'",
        ])
}
