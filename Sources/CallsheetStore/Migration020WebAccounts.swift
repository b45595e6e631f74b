extension SchemaMigrations {
    /// Version 20: web accounts, browser sessions and failed sign-ins.
    ///
    /// - `web_account`: the password (Bcrypt, never the text) and the one pending invitation
    ///   of a directory login; only the invitation's SHA-256 is kept, like API tokens.
    /// - `web_session`: the HTTP sessions, here so that every daemon on the database shares
    ///   them and a restart signs no one out. The key is stored as its SHA-256 (a copy of the
    ///   database opens no session); `login` is kept beside the value so `account revoke`
    ///   ends a person's sessions in one statement.
    /// - `sign_in_failure`: failed sign-ins, per login and per client address, read by the
    ///   throttle (recent rows only; older ones are swept).
    static let webAccounts = Migration(
        version: 20, name: "web accounts",
        statements: [
            """
            CREATE TABLE web_account (
                login             text PRIMARY KEY,
                password_hash     text,
                password_set_at   timestamptz,
                invite_hash       bytea UNIQUE,
                invite_expires_at timestamptz,
                revoked_at        timestamptz,
                updated_at        timestamptz NOT NULL DEFAULT now(),
                CHECK ((invite_hash IS NULL) = (invite_expires_at IS NULL))
            )
            """,
            """
            CREATE TABLE web_session (
                key_hash   bytea PRIMARY KEY,
                login      text,
                value      jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz
            )
            """,
            "CREATE INDEX web_session_login ON web_session (login)",
            "CREATE INDEX web_session_expires ON web_session (expires_at)",
            """
            CREATE TABLE sign_in_failure (
                id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                login   text NOT NULL,
                address text NOT NULL,
                at      timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX sign_in_failure_login ON sign_in_failure (login, at)",
            "CREATE INDEX sign_in_failure_address ON sign_in_failure (address, at)",
        ])
}
