public import CallsheetDomain
import PostgresNIO

/// Who a listing reaches, for the rule that a manager lists only their own clients, and the
/// way back: `dnc remove --reopen`.
extension StoreTransaction {
    /// The clients `subject` names (the client, or every client who has the number) and,
    /// among them, those who are not on `managerID`'s list — no open case of theirs, no
    /// pending task assigned to or held by them.
    public func doNotCallReach(_ subject: DoNotCallSubject, managerID: Int) async throws -> (clients: Int, notTheirs: Int) {
        try await collect(
            """
            WITH target AS (
                SELECT \(subject.clientID)::bigint AS client_id WHERE \(subject.clientID)::bigint IS NOT NULL
                UNION SELECT client_id FROM client_phone WHERE e164 = \(subject.phone)
            )
            SELECT count(*)::int, count(*) FILTER (WHERE NOT (
                EXISTS (SELECT 1 FROM campaign_case k WHERE k.manager_id = \(managerID) AND k.state = 'open' AND k.client_id = t.client_id)
                OR EXISTS (SELECT 1 FROM task x WHERE x.state = 'pending' AND x.client_id = t.client_id
                           AND (x.manager_id = \(managerID) OR x.claimed_by = \(managerID)))))::int
            FROM target t
            """
        ) { try $0.decode((Int, Int).self) }[0]
    }

    /// After `subject` left the list `campaignID` (nil: global), reopens what listings had
    /// closed for its clients — cases closed as `do-not-call` in campaigns that are not
    /// closed, with the tasks cancelled at the same moment — unless another listing still
    /// covers the client there. Writes the client's history. Returns (cases, tasks) reopened.
    public func reopenDoNotCallWork(_ subject: DoNotCallSubject, campaignID: Int?, actor: ActingUser) async throws -> (cases: Int, tasks: Int) {
        try await collect(
            """
            WITH target AS (
                SELECT \(subject.clientID)::bigint AS client_id WHERE \(subject.clientID)::bigint IS NOT NULL
                UNION SELECT client_id FROM client_phone WHERE e164 = \(subject.phone)
            ), chosen AS (
                SELECT k.id, k.client_id, k.closed_at FROM campaign_case k JOIN campaign g ON g.id = k.campaign_id
                WHERE k.client_id IN (SELECT client_id FROM target) AND k.state = 'do-not-call' AND g.state <> 'closed'
                  AND (\(campaignID)::bigint IS NULL OR k.campaign_id = \(campaignID))
                  AND NOT EXISTS (SELECT 1 FROM dnc_client d WHERE d.client_id = k.client_id AND (d.campaign_id IS NULL OR d.campaign_id = k.campaign_id))
                FOR UPDATE OF k
            ), cases AS (
                UPDATE campaign_case k SET state = 'open', closed_at = NULL, close_reason = NULL FROM chosen c WHERE k.id = c.id
                RETURNING k.id
            ), tasks AS (
                UPDATE task t SET state = 'pending', closed_at = NULL, claimed_by = NULL, claimed_at = NULL, lease_until = NULL
                FROM chosen c WHERE t.case_id = c.id AND t.state = 'cancelled' AND t.closed_at = c.closed_at
                RETURNING t.id
            ), history AS (
                INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
                SELECT client_id, \(Int(actor.uid)), \(actor.name), 'do-not-call',
                       jsonb_build_object('summary', 'reopened ' || count(*) || ' case(s) the do-not-call listing had closed')
                FROM chosen GROUP BY client_id
            )
            SELECT (SELECT count(*) FROM cases)::int, (SELECT count(*) FROM tasks)::int
            """
        ) { try $0.decode((Int, Int).self) }[0]
    }
}
