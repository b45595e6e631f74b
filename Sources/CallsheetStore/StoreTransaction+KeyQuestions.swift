public import CallsheetDomain
public import Foundation
import PostgresNIO

/// Seed 002's key questions: who was never called, and which important clients went quiet.
extension StoreTransaction {
    /// Clients of the audience (the campaign's, or everyone) never called (in that
    /// campaign, or at all), assigned ones first; `limit` rows (0: all) and both counts.
    /// Clients on a do-not-call list that applies (global, or the campaign's) are left
    /// out: nobody may call them, so they are nobody's untouched work.
    public func untouchedClients(_ scope: CaseScope, limit: Int) async throws -> (rows: [UntouchedClient], notAssigned: Int, assigned: Int) {
        let filtered = scope.team != nil || scope.manager != nil
        var notAssigned = 0, assigned = 0
        let rows = try await collect(
            """
            WITH untouched AS (
                SELECT c.id, c.name, c.segment FROM client c
                WHERE (\(scope.campaignID)::bigint IS NULL OR c.id IN (SELECT client_id FROM campaign_client WHERE campaign_id = \(scope.campaignID)))
                  AND (\(scope.segment)::text IS NULL OR c.segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(c.tags))
                  AND NOT EXISTS (SELECT 1 FROM call x WHERE x.client_id = c.id AND (\(scope.campaignID)::bigint IS NULL OR x.campaign_id = \(scope.campaignID)))
                  AND NOT EXISTS (SELECT 1 FROM dnc_client d WHERE d.client_id = c.id AND (d.campaign_id IS NULL OR d.campaign_id = \(scope.campaignID)))
            ), placed AS (
                SELECT u.id, u.name, u.segment, l.login, l.team, l.opened_at FROM untouched u
                LEFT JOIN LATERAL (
                    SELECT m.login, a.login AS team, k.opened_at FROM campaign_case k
                    JOIN manager m ON m.id = k.manager_id JOIN administrator a ON a.id = m.administrator_id
                    WHERE k.client_id = u.id AND (\(scope.campaignID)::bigint IS NULL OR k.campaign_id = \(scope.campaignID))
                    ORDER BY k.id DESC LIMIT 1
                ) l ON true
                WHERE NOT \(filtered) OR ((\(scope.team)::text IS NULL OR l.team = \(scope.team)) AND (\(scope.manager)::text IS NULL OR l.login = \(scope.manager)))
            )
            SELECT id, name, segment, login, opened_at,
                   (count(*) FILTER (WHERE login IS NULL) OVER ())::int, (count(*) FILTER (WHERE login IS NOT NULL) OVER ())::int
            FROM placed ORDER BY login IS NULL, login, id
            LIMIT CASE WHEN \(limit) > 0 THEN \(limit) END
            """
        ) { row in
            let (id, name, segment, login, opened, free, taken) = try row.decode((Int, String, String, String?, Date?, Int, Int).self)
            (notAssigned, assigned) = (free, taken)
            return UntouchedClient(clientID: id, name: name, segment: segment, manager: login, assignedAt: opened)
        }
        return (rows, notAssigned, assigned)
    }

    /// Clients (by segment, tag, minimum importance, campaign audience, and the latest
    /// case's manager or team) whose last call finished before `before`, or never called:
    /// most important first, then the longest quiet. Clients on a do-not-call list that
    /// applies are left out (nobody may call them).
    public func neglectedClients(_ scope: CaseScope, minimumImportance: Int, before: Date, limit: Int) async throws -> (rows: [NeglectedClient], total: Int) {
        var total = 0
        let rows = try await collect(
            """
            SELECT c.id, c.name, c.segment, c.importance::int, last.finished_at, last.login, owner.login, (count(*) OVER ())::int
            FROM client c
            LEFT JOIN LATERAL (SELECT x.finished_at, m.login FROM call x JOIN manager m ON m.id = x.manager_id
                               WHERE x.client_id = c.id ORDER BY x.finished_at DESC LIMIT 1) last ON true
            LEFT JOIN LATERAL (SELECT m.login, a.login AS team FROM campaign_case k JOIN manager m ON m.id = k.manager_id
                               JOIN administrator a ON a.id = m.administrator_id
                               WHERE k.client_id = c.id AND (\(scope.campaignID)::bigint IS NULL OR k.campaign_id = \(scope.campaignID))
                               ORDER BY k.id DESC LIMIT 1) owner ON true
            WHERE c.importance >= \(minimumImportance)
              AND (\(scope.segment)::text IS NULL OR c.segment = \(scope.segment)) AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(c.tags))
              AND (\(scope.campaignID)::bigint IS NULL OR c.id IN (SELECT client_id FROM campaign_client WHERE campaign_id = \(scope.campaignID)))
              AND (last.finished_at IS NULL OR last.finished_at < \(before))
              AND NOT EXISTS (SELECT 1 FROM dnc_client d WHERE d.client_id = c.id AND (d.campaign_id IS NULL OR d.campaign_id = \(scope.campaignID)))
              AND (\(scope.team)::text IS NULL OR owner.team = \(scope.team)) AND (\(scope.manager)::text IS NULL OR owner.login = \(scope.manager))
            ORDER BY c.importance DESC, last.finished_at NULLS FIRST, c.id
            LIMIT CASE WHEN \(limit) > 0 THEN \(limit) END
            """
        ) { row in
            let (id, name, segment, importance, last, caller, owner, count) = try row.decode((Int, String, String, Int, Date?, String?, String?, Int).self)
            total = count
            return NeglectedClient(clientID: id, name: name, segment: segment, importance: importance, lastCallAt: last, lastCaller: caller, owner: owner)
        }
        return (rows, total)
    }
}
