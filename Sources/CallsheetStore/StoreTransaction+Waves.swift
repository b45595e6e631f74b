public import CallsheetDomain
public import Foundation
import NIOCore
import PostgresNIO

/// Opening a wave in streamed chunks: the eligible audience is computed once into a
/// temporary table, read back through a cursor in client-id order, distributed in the
/// daemon by ``WaveDistributor`` (counters only), and the placements are copied into a
/// second temporary table from which one `INSERT … SELECT` writes cases and tasks. The
/// daemon never holds more than one chunk of clients.
extension StoreTransaction {
    /// Computes the pool for `campaignID`: every audience member with their previous manager
    /// in this campaign and, when they cannot be assigned, why. Returns the skipped counts
    /// by reason and, per previous manager, how many eligible clients they had.
    public func prepareWavePool(campaignID: Int) async throws -> (skipped: [String: Int], eligible: Int, returning: [Int: Int]) {
        try await run("SET LOCAL work_mem = '64MB'")
        try await run("CREATE TEMP TABLE wave_pool (client_id bigint NOT NULL, previous bigint, skip text) ON COMMIT DROP")
        try await run(
            """
            INSERT INTO wave_pool (client_id, previous, skip)
            SELECT a.client_id, l.manager_id,
                   CASE WHEN l.state = 'open' THEN 'open case'
                        WHEN l.state IN ('lost', 'do-not-call') THEN 'closed'
                        WHEN a.client_id IN (SELECT d.client_id FROM dnc_listing d
                                             WHERE d.client_id IS NOT NULL AND (d.campaign_id IS NULL OR d.campaign_id = \(campaignID))) THEN 'do-not-call'
                        WHEN a.client_id IN (SELECT p.client_id FROM dnc_listing d JOIN client_phone p ON p.e164 = d.phone_e164
                                             WHERE d.campaign_id IS NULL OR d.campaign_id = \(campaignID)) THEN 'do-not-call'
                   END
            FROM campaign_client a
            LEFT JOIN (SELECT DISTINCT ON (client_id) client_id, manager_id, state FROM campaign_case
                       WHERE campaign_id = \(campaignID) ORDER BY client_id DESC, id DESC) l ON l.client_id = a.client_id
            WHERE a.campaign_id = \(campaignID)
            """)
        var skipped: [String: Int] = [:]
        var eligible = 0
        for (reason, count) in try await collect("SELECT skip, count(*)::int FROM wave_pool GROUP BY skip", { try $0.decode((String?, Int).self) }) {
            if let reason { skipped[reason] = count } else { eligible = count }
        }
        var returning: [Int: Int] = [:]
        for (manager, count) in try await collect(
            "SELECT previous, count(*)::int FROM wave_pool WHERE skip IS NULL AND previous IS NOT NULL GROUP BY previous", { try $0.decode((Int, Int).self) }
        ) {
            returning[manager] = count
        }
        return (skipped, eligible, returning)
    }

    /// Feeds the eligible clients of the pool to `body` in chunks, in client-id order.
    public func forEachEligibleChunk(size: Int, _ body: ([(client: Int, previous: Int?)]) async throws -> Void) async throws {
        try await run("DECLARE wave_cursor NO SCROLL CURSOR FOR SELECT client_id, previous FROM wave_pool WHERE skip IS NULL ORDER BY client_id")
        let fetch = PostgresQuery(unsafeSQL: "FETCH \(size) FROM wave_cursor")
        while true {
            let chunk = try await collect(fetch) { row in
                let (client, previous) = try row.decode((Int, Int?).self)
                return (client: client, previous: previous)
            }
            if chunk.isEmpty { break }
            try await body(chunk)
            if chunk.count < size { break }
        }
        try await run("CLOSE wave_cursor")
    }

    /// Records the wave; a second wave for the same week is a `conflict`.
    public func insertWave(campaignID: Int, week: ISOWeek, openedBy: String) async throws -> Int {
        do {
            return try await collect(
                """
                INSERT INTO wave (campaign_id, week, starts_on, opened_by, assigned, skipped, managers, moved)
                VALUES (\(campaignID), \(week.description), \(week.monday.description)::date, \(openedBy), 0, 0, 0, 0)
                RETURNING id
                """
            ) { try $0.decode(Int.self) }[0]
        } catch let error as StoreError where error.code == .conflict {
            throw StoreError(.conflict, "week \(week) already has a wave in this campaign")
        }
    }

    public func createWavePlan() async throws {
        try await run("CREATE TEMP TABLE wave_plan (client_id bigint NOT NULL, manager_id bigint NOT NULL) ON COMMIT DROP")
    }

    /// Appends placements (client, manager) to the plan with one COPY.
    public func copyWavePlan(_ placements: [(client: Int, manager: Int)]) async throws {
        guard !placements.isEmpty else { return }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(placements.count * 16)
        for p in placements {
            buffer.writeString("\(p.client)\t\(p.manager)\n")
        }
        do {
            try await connection.copyFrom(table: "wave_plan", columns: ["client_id", "manager_id"], logger: logger) { writer in
                try await writer.write(buffer)
            }
        } catch let error as PSQLError {
            throw StoreError.translating(error)
        }
    }

    /// Writes one open case and one first-step task per planned client, the wave's list
    /// sizes (`wave_list`) and figures. Returns the number of cases written. `openedAt` is the domain clock's now
    /// (the day a case joined a list is what `report daily` counts "not yet called" from).
    public func writeWave(
        _ waveID: Int, campaignID: Int, step: String, kind: String, dueOn: LocalDate,
        skipped: Int, managers: Int, moved: Int, openedAt: Date = Date()
    ) async throws -> Int {
        let written = try await collect(
            """
            WITH cases AS (
                INSERT INTO campaign_case (campaign_id, client_id, wave_id, manager_id, step, opened_at)
                SELECT \(campaignID), client_id, \(waveID), manager_id, \(step), \(openedAt) FROM wave_plan
                RETURNING id, client_id, manager_id
            ), tasks AS (
                INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on)
                SELECT id, \(campaignID), client_id, manager_id, \(step), \(kind), \(dueOn.description)::date FROM cases
                RETURNING 1
            ), lists AS (
                INSERT INTO wave_list (wave_id, manager_id, cases)
                SELECT \(waveID), manager_id, count(*) FROM cases GROUP BY manager_id
                ON CONFLICT (wave_id, manager_id) DO UPDATE SET cases = wave_list.cases + EXCLUDED.cases
            )
            SELECT count(*)::int FROM tasks
            """
        ) { try $0.decode(Int.self) }[0]
        try await run(
            """
            UPDATE wave SET assigned = \(written), skipped = \(skipped), managers = \(managers), moved = \(moved) WHERE id = \(waveID)
            """)
        return written
    }

    public func waves(campaignID: Int, week: String? = nil) async throws -> [WaveRecord] {
        try await collect(
            """
            SELECT id, week, opened_at, opened_by, assigned, skipped, managers, moved FROM wave
            WHERE campaign_id = \(campaignID) AND (\(week)::text IS NULL OR week = \(week))
            ORDER BY week
            """
        ) { row in
            let (id, week, at, by, assigned, skipped, managers, moved) = try row.decode((Int, String, Date, String, Int, Int, Int, Int).self)
            return WaveRecord(id: id, week: week, openedAt: at, openedBy: by, assigned: assigned, skipped: skipped, managers: managers, moved: moved)
        }
    }

    /// The lists of a wave: every case of the wave (and cases assigned to it mid-week) with
    /// its client, state, current step and the next pending task's due date.
    public func waveLists(waveID: Int, manager: String?, limit: Int) async throws -> [WaveListEntry] {
        try await collect(
            """
            SELECT m.login, c.id, c.name, (SELECT e164 FROM client_phone p WHERE p.client_id = c.id ORDER BY position LIMIT 1),
                   k.state, k.step, (SELECT min(due_on)::text FROM task t WHERE t.case_id = k.id AND t.state = 'pending')
            FROM campaign_case k JOIN manager m ON m.id = k.manager_id JOIN client c ON c.id = k.client_id
            WHERE k.wave_id = \(waveID) AND (\(manager)::text IS NULL OR m.login = \(manager))
            ORDER BY m.login, c.id
            LIMIT \(limit)
            """
        ) { row in
            let (login, id, name, phone, state, step, due) = try row.decode((String, Int, String, String?, String, String, String?).self)
            return WaveListEntry(manager: login, clientID: id, clientName: name, phone: phone, caseState: try .stored(state), step: step, dueOn: due.flatMap { LocalDate(iso: $0) })
        }
    }

    /// Per manager of a wave: cases by state.
    public func waveSummary(waveID: Int) async throws -> [(manager: String, open: Int, closed: Int)] {
        try await collect(
            """
            SELECT m.login, count(*) FILTER (WHERE k.state = 'open')::int, count(*) FILTER (WHERE k.state <> 'open')::int
            FROM campaign_case k JOIN manager m ON m.id = k.manager_id
            WHERE k.wave_id = \(waveID) GROUP BY m.login ORDER BY m.login
            """
        ) { try $0.decode((String, Int, Int).self) }.map { ($0.0, $0.1, $0.2) }
    }
}
