import CallsheetDomain

extension SchemaMigrations {
    /// Version 9: `dnc_client`, every client a do-not-call listing covers — listed by client,
    /// or by one of their phone numbers — with the listing's campaign (NULL: global).
    ///
    /// Reports that leave listed clients out (`report untouched`, `report neglected`) say
    /// `NOT EXISTS (SELECT 1 FROM dnc_client d WHERE d.client_id = c.id AND (d.campaign_id
    /// IS NULL OR d.campaign_id = …))` instead of repeating both lookups; PostgreSQL pushes
    /// the condition into each branch, so both use their indexes (`dnc_listing_client`,
    /// `client_phone_e164` and `dnc_listing_phone`). The claim keeps its own two lookups in
    /// its prepared statement (the hot path, measured with them).
    static let doNotCallClients = Migration(
        version: 9, name: "do-not-call clients",
        statements: [
            """
            CREATE VIEW dnc_client AS
            SELECT client_id, campaign_id FROM dnc_listing WHERE client_id IS NOT NULL
            UNION ALL
            SELECT p.client_id, d.campaign_id FROM dnc_listing d JOIN client_phone p ON p.e164 = d.phone_e164
            """
        ])
}
