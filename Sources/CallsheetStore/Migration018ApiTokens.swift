extension SchemaMigrations {
    /// Version 18: API tokens for scripts and integrations (`Authorization: Bearer …`).
    ///
    /// Only the token's SHA-256 is stored (`sha256()` in the database), so a copy of the
    /// database gives no usable token; the token itself is shown once, when created. A
    /// token belongs to a login of the directory (an administrator or a manager) and acts
    /// with that person's role; revoking keeps the row (who had which token, until when).
    static let apiTokens = Migration(
        version: 18, name: "api tokens",
        statements: [
            """
            CREATE TABLE api_token (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                login        text NOT NULL,
                name         text NOT NULL CHECK (name <> ''),
                token_hash   bytea NOT NULL UNIQUE,
                created_at   timestamptz NOT NULL DEFAULT now(),
                created_by   text NOT NULL,
                last_used_at timestamptz,
                revoked_at   timestamptz,
                UNIQUE (login, name)
            )
            """
        ])
}
