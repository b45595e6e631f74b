extension SchemaMigrations {
    /// Version 19: viewers in the directory — sales directors who read reports and change
    /// nothing. Until now a viewer was only an OS user matched by `roles.viewer`; the HTTP
    /// API signs people in by their directory login, so viewers need one too.
    static let viewers = Migration(
        version: 19, name: "viewers",
        statements: [
            """
            CREATE TABLE viewer (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                login       text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
                name        text NOT NULL CHECK (name <> ''),
                created_at  timestamptz NOT NULL DEFAULT now()
            )
            """
        ])
}
