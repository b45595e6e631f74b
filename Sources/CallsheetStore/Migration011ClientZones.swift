import CallsheetDomain

extension SchemaMigrations {
    /// Version 11: `client_zone`, every time zone a client has, kept complete by statement
    /// triggers on `client` (one set-based insert per statement, so a million-row import pays
    /// one `DISTINCT`, not a million trigger calls).
    ///
    /// The claim bounds a manager's queue by the latest local date among these zones (and the
    /// default zone): follow-ups booked for tomorrow sort before today's wave entries, and
    /// without the bound every claim checked each of them in full. Bounding by UTC+14
    /// instead stopped helping at 10:00 UTC, the middle of a European working day.
    static let clientZones = Migration(
        version: 11, name: "client zones",
        statements: [
            "CREATE TABLE client_zone (time_zone text PRIMARY KEY)",
            "INSERT INTO client_zone SELECT DISTINCT time_zone FROM client WHERE time_zone IS NOT NULL",
            """
            CREATE FUNCTION callsheet_note_client_zones() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO client_zone SELECT DISTINCT time_zone FROM new_clients WHERE time_zone IS NOT NULL
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER client_zone_on_insert AFTER INSERT ON client REFERENCING NEW TABLE AS new_clients
            FOR EACH STATEMENT EXECUTE FUNCTION callsheet_note_client_zones()
            """,
            """
            CREATE TRIGGER client_zone_on_update AFTER UPDATE ON client REFERENCING NEW TABLE AS new_clients
            FOR EACH STATEMENT EXECUTE FUNCTION callsheet_note_client_zones()
            """,
        ])
}
