import CallsheetDomain

extension SchemaMigrations {
    /// Version 6: how far each case got (`report funnel`, `offers`, `daily`).
    ///
    /// - `campaign_case.called_at` / `reached_at`: the first call, and the first call that
    ///   reached the client (any outcome but `no-answer`); `furthest`: the index in the
    ///   workflow of the furthest step the case got to; `offer_status`: the latest offer
    ///   status an outcome gave (`offer:` in the workflow file). The outcome's one write
    ///   statement keeps them, in the same transaction as the call, and only writes the case
    ///   when one of them (or the step or state) changes.
    /// - The case *is* the funnel's unit, so the funnel of a week counts that week's cases
    ///   (one row each, a few columns) instead of reading millions of calls.
    /// - `campaign_case_wave` becomes covering: keyed (wave, manager) as before, it also
    ///   carries what the case reports count, so a week's funnel is an index-only scan of
    ///   that wave's entries (EXPLAIN and figures in BENCHMARKS.md).
    ///   The price: a first call, a first reach or an advance updates that index too (it is
    ///   no longer a heap-only update) — once or twice per case, not per call.
    /// - `task_callback_due`: personal call-backs by manager and due time, for the
    ///   "call-backs overdue" column of `report daily` over any past day.
    static let funnel = Migration(
        version: 6, name: "funnel",
        statements: [
            """
            ALTER TABLE campaign_case
                ADD COLUMN called_at timestamptz,
                ADD COLUMN reached_at timestamptz,
                ADD COLUMN furthest smallint NOT NULL DEFAULT 0,
                ADD COLUMN offer_status text
            """,
            """
            UPDATE campaign_case k SET called_at = c.first_call, reached_at = c.first_reach
            FROM (SELECT case_id, min(finished_at) AS first_call, min(finished_at) FILTER (WHERE outcome <> 'no-answer') AS first_reach
                  FROM call GROUP BY case_id) c
            WHERE k.id = c.case_id
            """,
            """
            UPDATE campaign_case k SET furthest = s.position
            FROM campaign g JOIN workflow_version w ON w.id = g.workflow_version_id,
                 LATERAL jsonb_array_elements(w.definition -> 'steps') WITH ORDINALITY AS e(step, ordinal),
                 LATERAL (SELECT (e.ordinal - 1)::smallint AS position) s
            WHERE g.id = k.campaign_id AND e.step ->> 'name' = k.step AND s.position > 0
            """,
            "DROP INDEX campaign_case_wave",
            """
            CREATE INDEX campaign_case_wave ON campaign_case (wave_id, manager_id)
                INCLUDE (state, furthest, called_at, reached_at, close_reason, offer_status)
            """,
            "CREATE INDEX task_callback_due ON task (manager_id, due_at) WHERE personal",
        ])
}
