import CallsheetDomain

extension SchemaMigrations {
    /// Version 16: a client's history keeps the old and the new value of every field an edit
    /// or an `import --update` changed (before, it named the fields only, so an overwritten
    /// note was gone). `callsheet_field_changes` compares two rows as JSON over the given
    /// columns; `callsheet_changes_text` writes them as people read them in `client show`
    /// (`notes: "call after 5" → "call mornings"`), with the console's field names.
    static let changeValues = Migration(
        version: 16, name: "history keeps changed values",
        statements: [
            """
            CREATE FUNCTION callsheet_field_changes(old jsonb, new jsonb, fields text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
                SELECT coalesce(jsonb_agg(jsonb_build_object('field', CASE f WHEN 'time_zone' THEN 'timezone' ELSE f END,
                                                             'old', old -> f, 'new', new -> f) ORDER BY i), '[]'::jsonb)
                FROM unnest(fields) WITH ORDINALITY AS u(f, i)
                WHERE (old -> f) IS DISTINCT FROM (new -> f)
            $$
            """,
            """
            CREATE FUNCTION callsheet_change_value(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE WHEN v IS NULL OR v = 'null'::jsonb THEN 'none'
                            WHEN jsonb_typeof(v) = 'string' THEN '"' || (v #>> '{}') || '"'
                            WHEN jsonb_typeof(v) = 'array' THEN coalesce((SELECT string_agg(e, '|') FROM jsonb_array_elements_text(v) e), '')
                            ELSE v::text END
            $$
            """,
            """
            CREATE FUNCTION callsheet_changes_text(changes jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT string_agg((c ->> 'field') || ': ' || callsheet_change_value(c -> 'old') || ' → ' || callsheet_change_value(c -> 'new'), '; ' ORDER BY i)
                FROM jsonb_array_elements(changes) WITH ORDINALITY AS e(c, i)
            $$
            """,
        ])
}
