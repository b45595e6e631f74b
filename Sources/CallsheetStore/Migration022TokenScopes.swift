extension SchemaMigrations {
    /// Version 22: what an API token may be used for. `api` (every token so far) signs a
    /// script in to `/api/v1` as its login; `metrics` only reads `/metrics` (for a
    /// Prometheus server off this host) and signs no one in.
    static let tokenScopes = Migration(
        version: 22, name: "token scopes",
        statements: [
            "ALTER TABLE api_token ADD COLUMN scope text NOT NULL DEFAULT 'api' CHECK (scope IN ('api', 'metrics'))"
        ])
}
