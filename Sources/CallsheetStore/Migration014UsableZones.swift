import CallsheetDomain

extension SchemaMigrations {
    /// Version 14: a client's time zone can no longer stop the claim.
    ///
    /// Before, any name Foundation accepted was stored (`GMT+0300`, `UTC+3`), and the claim's
    /// `AT TIME ZONE` either failed for every manager or read the POSIX offset with the
    /// opposite sign. Now `callsheet_zone_usable` is the database's half of the one zone rule
    /// (`TimeZoneRule`): an IANA place name in a geographic area, or `UTC`, that this server's
    /// tz database knows. `client_zone.usable` records it per zone (checked when a zone first
    /// appears, and again at every start, since an upgraded tz database may drop a name); the
    /// claim computes local time only in usable zones and skips a client whose zone is not
    /// (the daemon logs such zones at start-up). Existing clients with a refused zone get the
    /// zone of their first phone's country (or none: the configured default), with a history
    /// entry saying what was replaced and why. The country table is written out here as it
    /// was when this migration was released (a migration never changes).
    static let usableZones = Migration(
        version: 14, name: "usable client zones",
        statements: [
            """
            CREATE FUNCTION callsheet_zone_usable(z text) RETURNS boolean LANGUAGE sql STABLE AS $$
                SELECT (z IN ('UTC', 'Etc/UTC')
                        OR z ~ '^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(/[A-Za-z0-9_-]+){1,2}$')
                       AND EXISTS (SELECT 1 FROM pg_timezone_names n WHERE n.name = z)
            $$
            """,
            "ALTER TABLE client_zone ADD COLUMN usable boolean NOT NULL DEFAULT true",
            "UPDATE client_zone SET usable = callsheet_zone_usable(time_zone)",
            // New zones are checked once, when a statement first stores them.
            """
            CREATE OR REPLACE FUNCTION callsheet_note_client_zones() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO client_zone (time_zone, usable)
                SELECT n.time_zone, callsheet_zone_usable(n.time_zone)
                FROM (SELECT DISTINCT time_zone FROM new_clients WHERE time_zone IS NOT NULL) n
                WHERE NOT EXISTS (SELECT 1 FROM client_zone z WHERE z.time_zone = n.time_zone)
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$
            """,
            """
            WITH country (calling_code, zone) AS (VALUES
                ('48', 'Europe/Warsaw'), ('370', 'Europe/Vilnius'), ('40', 'Europe/Bucharest'), ('7', 'Europe/Moscow'),
                ('380', 'Europe/Kyiv'), ('375', 'Europe/Minsk'), ('371', 'Europe/Riga'), ('372', 'Europe/Tallinn'),
                ('49', 'Europe/Berlin'), ('420', 'Europe/Prague'), ('421', 'Europe/Bratislava'), ('373', 'Europe/Chisinau'),
                ('44', 'Europe/London'), ('353', 'Europe/Dublin'), ('33', 'Europe/Paris'), ('34', 'Europe/Madrid'),
                ('39', 'Europe/Rome'), ('31', 'Europe/Amsterdam'), ('43', 'Europe/Vienna'), ('46', 'Europe/Stockholm'),
                ('358', 'Europe/Helsinki'), ('1', 'America/New_York')
            ), refused AS (
                SELECT c.id, c.time_zone AS old_zone FROM client c
                JOIN client_zone z ON z.time_zone = c.time_zone AND NOT z.usable
            ), derived AS (
                SELECT r.id, r.old_zone,
                       (SELECT k.zone FROM client_phone p JOIN country k ON p.e164 LIKE '+' || k.calling_code || '%'
                        WHERE p.client_id = r.id AND callsheet_zone_usable(k.zone)
                        ORDER BY p.position, length(k.calling_code) DESC LIMIT 1) AS new_zone
                FROM refused r
            ), repaired AS (
                UPDATE client c SET time_zone = d.new_zone, updated_at = now() FROM derived d WHERE c.id = d.id
                RETURNING c.id, d.old_zone, d.new_zone
            )
            INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
            SELECT id, NULL, 'callsheet (schema 14)', 'edited', jsonb_build_object(
                'summary', 'changed timezone: "' || old_zone || '" → ' || coalesce(new_zone, 'none (the configured default)')
                           || ' (not a time zone place name PostgreSQL reads the same way; derived from the phone)',
                'changes', jsonb_build_array(jsonb_build_object('field', 'timezone', 'old', old_zone, 'new', new_zone)))
            FROM repaired
            """,
            "DELETE FROM client_zone z WHERE NOT z.usable AND NOT EXISTS (SELECT 1 FROM client c WHERE c.time_zone = z.time_zone)",
        ])
}
