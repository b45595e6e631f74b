import CallsheetDomain

extension SchemaMigrations {
    /// Version 7: the tasks that can be late (`report late`, the `late` column of
    /// `report managers`), found without reading every task of the period.
    ///
    /// A task is late when it is done, or still open, after its due day plus its step's
    /// standard in business days (`Lateness`). Only two kinds of task can be late, and
    /// each has a partial index by due day, so on-time work (nearly all of the history) is
    /// never read:
    /// - open ones due before today: `task_pending_due`;
    /// - done ones finished after their due day: `task_done_late`. "After the due day" is
    ///   a day in the calendar zone, which an index predicate cannot compute (the zone is
    ///   configuration), so the task keeps `closed_on`, the day it was done in the calendar
    ///   zone — the outcome's write statement sets it with the day it already computes for
    ///   the rollup. `report rebuild` recomputes it if the zone changed.
    ///
    /// Both indexes carry what the late count needs, so counting is an index-only scan
    /// (EXPLAIN and figures in BENCHMARKS.md).
    ///
    /// The backfill uses the database session's zone (as migration 5 does for the rollup).
    static let lateness = Migration(
        version: 7, name: "lateness",
        statements: [
            "ALTER TABLE task ADD COLUMN closed_on date",
            "UPDATE task SET closed_on = closed_at::date WHERE state = 'done'",
            "CREATE INDEX task_pending_due ON task (due_on) INCLUDE (manager_id, campaign_id, step, client_id) WHERE state = 'pending'",
            """
            CREATE INDEX task_done_late ON task (due_on) INCLUDE (manager_id, campaign_id, step, client_id, closed_on)
                WHERE state = 'done' AND closed_on > due_on
            """,
        ])
}
