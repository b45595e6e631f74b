import CallsheetDomain

extension SchemaMigrations {
    /// Version 17: a listing's event is checked once per statement, not once per row.
    ///
    /// `dnc import` lists a registry's million numbers in one statement; the foreign key
    /// `dnc_listing.event_id → dnc_event` ran one lookup (and one row lock) per listed
    /// number — a third of the whole import's time. Events are append-only (never updated
    /// or deleted, `dnc_event_append_only`), so the only way to break the link is to insert
    /// a listing whose event does not exist; an `AFTER INSERT` statement trigger checks
    /// every inserted listing at once (one anti-join) and refuses the statement otherwise.
    static let listingEvents = Migration(
        version: 17, name: "listing events checked per statement",
        statements: [
            "ALTER TABLE dnc_listing DROP CONSTRAINT dnc_listing_event_id_fkey",
            """
            CREATE FUNCTION callsheet_listing_events_exist() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM new_listings n
                           WHERE NOT EXISTS (SELECT 1 FROM dnc_event e WHERE e.id = n.event_id)) THEN
                    RAISE EXCEPTION 'a do-not-call listing names an event that does not exist'
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER dnc_listing_event_exists AFTER INSERT ON dnc_listing
                REFERENCING NEW TABLE AS new_listings
                FOR EACH STATEMENT EXECUTE FUNCTION callsheet_listing_events_exist()
            """,
        ])
}
