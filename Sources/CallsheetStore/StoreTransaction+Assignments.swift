public import CallsheetDomain
public import Foundation
import PostgresNIO

/// Mid-week changes to managers' lists (assign, reassign, unassign), each recorded in
/// `assignment_event`; pending tasks follow the case.
extension StoreTransaction {
    /// Whether any do-not-call listing that applies in `campaignID` covers the client or one of its phones.
    public func isDoNotCall(clientID: Int, campaignID: Int) async throws -> Bool {
        try await !collect(
            """
            SELECT 1 FROM dnc_listing d
            WHERE (d.campaign_id IS NULL OR d.campaign_id = \(campaignID))
              AND (d.client_id = \(clientID) OR d.phone_e164 IN (SELECT e164 FROM client_phone WHERE client_id = \(clientID)))
            LIMIT 1
            """
        ) { _ in 1 }.isEmpty
    }

    /// The manager holding the client's open case in the campaign, if any.
    public func openCaseOwner(clientID: Int, campaignID: Int) async throws -> String? {
        try await collect(
            """
            SELECT m.login FROM campaign_case k JOIN manager m ON m.id = k.manager_id
            WHERE k.campaign_id = \(campaignID) AND k.client_id = \(clientID) AND k.state = 'open'
            """
        ) { try $0.decode(String.self) }.first
    }

    /// Opens a case for the client with `managerID` (in the campaign's latest wave, when
    /// there is one), its first task, and the history record. Adds the client to the
    /// audience when missing — with its attempt counters rebuilt from the campaign's call
    /// history, as `campaign add-clients` does, so a client removed and assigned again keeps
    /// its caps. `at` (the domain clock) stamps the case and the task, as a
    /// wave does, so reports under an injected clock stay exact. Returns the case id.
    public func assign(
        clientID: Int, managerID: Int, campaignID: Int, step: String, kind: String, dueOn: LocalDate, at: Date, defaultZone: String, actor: ActingUser
    ) async throws -> Int {
        _ = try await addAudience(campaignID: campaignID, .clients([clientID]), defaultZone: defaultZone)
        let caseID = try await collect(
            """
            WITH opened AS (
                INSERT INTO campaign_case (campaign_id, client_id, wave_id, manager_id, step, opened_at)
                VALUES (\(campaignID), \(clientID), (SELECT max(id) FROM wave WHERE campaign_id = \(campaignID)), \(managerID), \(step), \(at))
                RETURNING id, wave_id
            ), listed AS (
                INSERT INTO wave_list (wave_id, manager_id, cases) SELECT wave_id, \(managerID), 1 FROM opened WHERE wave_id IS NOT NULL
                ON CONFLICT (wave_id, manager_id) DO UPDATE SET cases = wave_list.cases + 1
            )
            SELECT id FROM opened
            """
        ) { try $0.decode(Int.self) }[0]
        try await run(
            """
            INSERT INTO task (case_id, campaign_id, client_id, manager_id, step, kind, due_on, created_at)
            VALUES (\(caseID), \(campaignID), \(clientID), \(managerID), \(step), \(kind), \(dueOn.description)::date, \(at))
            """)
        try await run(
            """
            INSERT INTO assignment_event (kind, campaign_id, client_id, case_id, to_manager_id, actor_uid, actor_name)
            VALUES ('assign', \(campaignID), \(clientID), \(caseID), \(managerID), \(Int(actor.uid)), \(actor.name))
            """)
        return caseID
    }

    /// Moves open cases (and their pending tasks, and their places in `wave_list`) from one
    /// manager to another; in one campaign or all, for the listed clients or all of them.
    /// Returns how many cases moved.
    /// (PostgreSQL runs every data-modifying CTE to completion, referenced or not.)
    public func reassign(from: Int, to: Int, campaignID: Int?, clients: [Int], actor: ActingUser) async throws -> Int {
        try await collect(
            """
            WITH moved AS (
                UPDATE campaign_case k SET manager_id = \(to)
                WHERE k.state = 'open' AND k.manager_id = \(from)
                  AND (\(campaignID)::bigint IS NULL OR k.campaign_id = \(campaignID))
                  AND (cardinality(\(clients)::bigint[]) = 0 OR k.client_id = ANY(\(clients)::bigint[]))
                RETURNING k.id, k.campaign_id, k.client_id, k.wave_id
            ), moved_per_wave AS (
                SELECT wave_id, count(*)::int AS cases FROM moved WHERE wave_id IS NOT NULL GROUP BY wave_id
            ), left_list AS (
                UPDATE wave_list l SET cases = l.cases - w.cases FROM moved_per_wave w WHERE l.wave_id = w.wave_id AND l.manager_id = \(from)
            ), joined_list AS (
                INSERT INTO wave_list (wave_id, manager_id, cases) SELECT wave_id, \(to), cases FROM moved_per_wave
                ON CONFLICT (wave_id, manager_id) DO UPDATE SET cases = wave_list.cases + EXCLUDED.cases
            ), tasks AS (
                UPDATE task t SET manager_id = \(to) FROM moved WHERE t.case_id = moved.id AND t.state = 'pending' RETURNING 1
            ), events AS (
                INSERT INTO assignment_event (kind, campaign_id, client_id, case_id, from_manager_id, to_manager_id, actor_uid, actor_name)
                SELECT 'reassign', campaign_id, client_id, id, \(from), \(to), \(Int(actor.uid)), \(actor.name) FROM moved
                RETURNING 1
            )
            SELECT count(*)::int FROM events
            """
        ) { try $0.decode(Int.self) }[0]
    }

    /// Takes the client off their manager's list in the campaign: the open case is
    /// cancelled with its pending tasks. Returns the manager's id, nil when there was no open case.
    public func unassign(clientID: Int, campaignID: Int, at: Date, actor: ActingUser) async throws -> Int? {
        let closed = try await collect(
            """
            UPDATE campaign_case SET state = 'cancelled', closed_at = \(at), close_reason = 'unassigned'
            WHERE campaign_id = \(campaignID) AND client_id = \(clientID) AND state = 'open'
            RETURNING id, manager_id
            """
        ) { try $0.decode((Int, Int).self) }
        guard let (caseID, managerID) = closed.first else { return nil }
        try await run("UPDATE task SET state = 'cancelled', closed_at = \(at) WHERE case_id = \(caseID) AND state = 'pending'")
        try await run(
            """
            INSERT INTO assignment_event (kind, campaign_id, client_id, case_id, from_manager_id, actor_uid, actor_name)
            VALUES ('unassign', \(campaignID), \(clientID), \(caseID), \(managerID), \(Int(actor.uid)), \(actor.name))
            """)
        return managerID
    }
}
