extension SchemaMigrations {
    /// Version 7: the tasks that can be late (`report late`, the `late` column of
    /// `report managers`), found without reading every task of the period.
    ///
    /// A task is late when it is done, or still open, after its due day plus its step's
    /// standard in business days (`Lateness`). So only two kinds of task can be late:
    /// - open ones due before today: `task_pending_due`;
    /// - done ones finished after their due day. "After the due day" is a day in the
    ///   calendar zone, which an index predicate cannot name (it is configuration, and a
    ///   zone conversion of `timestamptz` to a date is not immutable). `task_done_late`
    ///   keeps the superset that is right for every zone: finished no earlier than the
    ///   next day's midnight in UTC+14, the earliest midnight on Earth. The query then
    ///   keeps the exact ones in the calendar zone. On-time work — nearly all of it — is
    ///   in neither index.
    ///
    /// Queries must repeat `timezone('UTC', closed_at) >= (due_on + 1) - interval '14 hours'`
    /// word for word for the planner to use the partial index (`StoreTransaction+KeyQuestions`).
    static let lateness = Migration(version: 7, name: "lateness", statements: [
        "CREATE INDEX task_pending_due ON task (due_on) WHERE state = 'pending'",
        """
        CREATE INDEX task_done_late ON task (due_on)
            WHERE state = 'done' AND timezone('UTC', closed_at) >= (due_on + 1) - interval '14 hours'
        """,
    ])
}
