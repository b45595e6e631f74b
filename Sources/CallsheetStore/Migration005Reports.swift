import CallsheetDomain

extension SchemaMigrations {
    /// Version 5: report rollups (docs/domain.md#reports) and append-only workflow snapshots.
    ///
    /// - `call_rollup` counts finished calls per campaign, day, manager, step and outcome,
    ///   with the amounts and the handling time (claim → outcome) summed. The outcome's one
    ///   write statement maintains it in the same transaction as the `call` row, so reports
    ///   read a few thousand rollup rows instead of millions of calls; `report rebuild`
    ///   recomputes it from `call` and says whether it matched. `day` is the date of
    ///   `finished_at` in the daemon's calendar zone (`calendar.time_zone`); this migration
    ///   fills it from existing calls in the database session's zone — run `report rebuild`
    ///   once after upgrading if the two differ.
    /// - `workflow_version` becomes append-only: the call loop caches decoded snapshots by
    ///   id, which is only right if a snapshot never changes.
    static let reports = Migration(
        version: 5, name: "reports",
        statements: [
            """
            CREATE TRIGGER workflow_version_append_only BEFORE UPDATE OR DELETE ON workflow_version
                FOR EACH ROW EXECUTE FUNCTION callsheet_append_only()
            """,
            """
            CREATE TABLE call_rollup (
                campaign_id       bigint NOT NULL,
                day               date NOT NULL,
                manager_id        bigint NOT NULL,
                step              text NOT NULL,
                outcome           text NOT NULL,
                calls             integer NOT NULL CHECK (calls > 0),
                amount            numeric(16, 2) NOT NULL DEFAULT 0,
                handling_seconds  double precision NOT NULL DEFAULT 0,
                PRIMARY KEY (campaign_id, day, manager_id, step, outcome)
            )
            """,
            "CREATE INDEX call_rollup_day ON call_rollup (day, manager_id)",
            """
            INSERT INTO call_rollup (campaign_id, day, manager_id, step, outcome, calls, amount, handling_seconds)
            SELECT campaign_id, finished_at::date, manager_id, step, outcome, count(*), coalesce(sum(amount), 0),
                   sum(extract(epoch FROM finished_at - claimed_at))
            FROM call GROUP BY 1, 2, 3, 4, 5
            """,
        ])
}
