extension BenchDaemon {
    /// The call-loop benchmarks' queue: administrator `ewa`, managers `m1…m<managers>`, one
    /// campaign open all day every day, and one pending first-step call per client spread
    /// over the first `busyManagers` managers (the rest of the team has empty lists), so no
    /// measured manager runs dry. Not timed.
    func seedCallQueue(tasks: Int, managers: Int, busyManagers busy: Int) async throws {
        try await seedTeam(managers: managers, capacity: 100, clients: tasks)
        try await console("campaign create bench --workflow seminar-weekly --admin ewa --calling-hours 00:00-24:00 --working-days mon-sun")
        try await console("campaign set bench --daily-cap 1000 --lifetime-cap 1000")
        try await sql("INSERT INTO campaign_client (campaign_id, client_id) SELECT 1, id FROM client")
        try await sql("INSERT INTO campaign_case (campaign_id, client_id, manager_id, step) SELECT 1, id, 1 + id % \(busy), 'offer' FROM client")
        try await sql(
            """
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on)
            SELECT id, 1, client_id, manager_id, 'offer', 'call', current_date - 1 FROM campaign_case
            """)
    }
}
