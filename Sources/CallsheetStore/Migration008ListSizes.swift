import CallsheetDomain

extension SchemaMigrations {
    /// Version 8: list sizes per wave and manager (`report managers`' `list` column).
    ///
    /// Counting a week's cases per manager reads every case of the wave (slow for
    /// a large wave even index-only; BENCHMARKS.md); `wave_list` keeps the count, changed by the three
    /// statements that put a case on a list or move it (`writeWave`, `assign`, `reassign`
    /// in the store), in the same transaction. A cancelled or closed case stays on the
    /// list it was on (the count is of cases given, as before). `report rebuild`
    /// recomputes it from `campaign_case` and says how many rows differed. Reports with a
    /// segment or tag filter count cases directly (the count is per wave, not per client).
    static let listSizes = Migration(
        version: 8, name: "list sizes",
        statements: [
            """
            CREATE TABLE wave_list (
                wave_id     bigint NOT NULL,
                manager_id  bigint NOT NULL,
                cases       integer NOT NULL CHECK (cases >= 0),
                PRIMARY KEY (wave_id, manager_id)
            )
            """,
            """
            INSERT INTO wave_list (wave_id, manager_id, cases)
            SELECT wave_id, manager_id, count(*) FROM campaign_case WHERE wave_id IS NOT NULL GROUP BY 1, 2
            """,
        ])
}
