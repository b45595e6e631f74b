import CallsheetDomain

extension SchemaMigrations {
    /// Version 12: the re-call gap is kept per phone number (`phone_contact`), not per client.
    ///
    /// The claim keeps a minimum gap between two calls to the same number across all
    /// campaigns. Clients may share a number (`client add --allow-duplicate`: two contacts at
    /// one switchboard, a household), and a per-client guard let two campaigns ring that
    /// number seconds apart through the two cards. A claim now checks every number of the
    /// client and, atomically with taking the call, stamps them all (`ON CONFLICT … WHERE`
    /// re-checks the newest committed stamp, so concurrent claims through different cards
    /// cannot both pass); the outcome stamps them again when the call ends. `client_contact`
    /// is carried over and dropped.
    static let phoneContacts = Migration(
        version: 12, name: "phone contacts",
        statements: [
            "CREATE TABLE phone_contact (e164 text PRIMARY KEY, last_call_at timestamptz NOT NULL)",
            """
            INSERT INTO phone_contact (e164, last_call_at)
            SELECT p.e164, max(x.last_call_at) FROM client_phone p JOIN client_contact x ON x.client_id = p.client_id GROUP BY p.e164
            """,
            "DROP TABLE client_contact",
        ])
}
