import CallsheetDomain

/// Every migration this build knows, in version order.
///
/// Rule for all later migrations (docs/domain.md#outcomes): history tables are append-only — they get the
/// `callsheet_append_only` trigger — and current state is derived or maintained in the
/// same transaction as the history row that changes it.
public enum SchemaMigrations {
    public static let all: [Migration] = [
        baseline, directory, campaigns, calls, reports, funnel, lateness, listSizes, doNotCallClients, ownCallbacks, clientZones, phoneContacts, neverDeleted, usableZones,
        capsThatHold, changeValues, listingEvents, apiTokens, viewers, webAccounts, changeNotifications, tokenScopes, mail,
        accountLanguage, teamCallbacks,
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// Version 1: the audit trail of administrator actions and the append-only guard that
    /// every history table reuses.
    static let baseline = Migration(
        version: 1, name: "baseline",
        statements: [
            """
            CREATE FUNCTION callsheet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            """
            CREATE TABLE audit_event (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at          timestamptz NOT NULL DEFAULT now(),
                actor_uid   bigint,
                actor_name  text,
                actor_role  text,
                action      text NOT NULL,
                subject     text,
                detail      jsonb NOT NULL DEFAULT '{}'::jsonb
            )
            """,
            "CREATE INDEX audit_event_at ON audit_event USING brin (at)",
            """
            CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
        ])
}
