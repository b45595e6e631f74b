public import CallsheetDomain
import Foundation
import PostgresNIO

/// Open cases at one step and what the cases that reached that step before became (`report forecast`).
public struct StepPipeline: Sendable, Equatable {
    public var campaignID: Int
    public var step: String
    public var open: Int
}

/// Case-level report queries: they read `campaign_case` (one row per client and wave,
/// carrying how far it got), never the call history.
extension StoreTransaction {
    /// The campaigns that have a wave in `weeks` (one, with `campaignID`).
    public func campaignsWithWaves(in weeks: [String], campaignID: Int?) async throws -> [Int] {
        try await collect(
            """
            SELECT DISTINCT campaign_id FROM wave
            WHERE week = ANY(\(weeks)::text[]) AND (\(campaignID)::bigint IS NULL OR campaign_id = \(campaignID)) ORDER BY 1
            """
        ) { try $0.decode(Int.self) }
    }

    /// Cases of the scope counted by how far they got, per group.
    public func funnelTallies(_ scope: CaseScope, by grouping: FunnelGrouping) async throws -> [Funnel.Tally] {
        let group: String =
            switch grouping {
            case .none: "''"
            case .manager: "m.login"
            case .week: "v.week"
            case .segment: "c.segment"
            }
        return try await collectCases(
            scope,
            select: "\(group), k.called_at IS NOT NULL, k.reached_at IS NOT NULL, k.furthest::int, k.state, CASE WHEN k.state = 'lost' THEN k.close_reason END, count(*)::int",
            joinClient: grouping == .segment, tail: "GROUP BY 1, 2, 3, 4, 5, 6"
        ) { row in
            let (group, called, reached, furthest, state, reason, cases) = try row.decode((String, Bool, Bool, Int, String, String?, Int).self)
            return Funnel.Tally(group: group, called: called, reached: reached, furthest: furthest, state: try .stored(state), closeReason: reason, cases: cases)
        }
    }

    /// Cases of the scope by their offer's latest status (rejected ones by reason).
    public func offerTallies(_ scope: CaseScope) async throws -> [OfferTally] {
        try await collectCases(
            scope, select: "k.offer_status, CASE WHEN k.offer_status = 'rejected' THEN coalesce(k.close_reason, '') END, count(*)::int",
            tail: "AND k.offer_status IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        ) { row in
            let (status, reason, cases) = try row.decode((String, String?, Int).self)
            return OfferTally(status: status, reason: reason, cases: cases)
        }
    }

    /// Open cases of the scope per campaign and step.
    public func openPipeline(_ scope: CaseScope) async throws -> [StepPipeline] {
        try await collectCases(scope, select: "k.campaign_id, k.step, count(*)::int", tail: "AND k.state = 'open' GROUP BY 1, 2 ORDER BY 1, 2") { row in
            let (campaign, step, open) = try row.decode((Int, String, Int).self)
            return StepPipeline(campaignID: campaign, step: step, open: open)
        }
    }

    /// Runs `SELECT select FROM <the scope's cases> tail`. `select` and `tail` are SQL
    /// written in this module (never user text); the scope's values are bound. `k` is the
    /// case, `v` its wave, `m` its manager, `a` the manager's administrator, `c` the client
    /// (with `joinClient`). A filter that is not given folds away when PostgreSQL plans
    /// the query with its values.
    func collectCases<R>(
        _ scope: CaseScope, select: String, joinClient: Bool = false, tail: String, _ transform: (PostgresRow) throws -> R
    ) async throws -> [R] {
        try await collect(
            """
            SELECT \(unescaped: select)
            FROM campaign_case k JOIN wave v ON v.id = k.wave_id
            JOIN manager m ON m.id = k.manager_id JOIN administrator a ON a.id = m.administrator_id
            \(unescaped: joinClient ? "JOIN client c ON c.id = k.client_id" : "")
            WHERE v.week = ANY(\(scope.weeks)::text[]) AND (\(scope.campaignID)::bigint IS NULL OR v.campaign_id = \(scope.campaignID))
              AND (\(scope.team)::text IS NULL OR a.login = \(scope.team)) AND (\(scope.manager)::text IS NULL OR m.login = \(scope.manager))
              AND ((\(scope.segment)::text IS NULL AND \(scope.tag)::text IS NULL)
                   OR k.client_id IN (SELECT id FROM client WHERE (\(scope.segment)::text IS NULL OR segment = \(scope.segment))
                                                             AND (\(scope.tag)::text IS NULL OR \(scope.tag) = ANY(tags))))
            \(unescaped: tail)
            """, transform)
    }

    /// Every case of `campaignID` by how far it got and its state: what the forecast's
    /// observed stage-to-paid rates and paying cases are computed from.
    public func caseDepths(campaignID: Int) async throws -> [Funnel.Tally] {
        try await collect(
            """
            SELECT k.called_at IS NOT NULL, k.reached_at IS NOT NULL, k.furthest::int, k.state, count(*)::int
            FROM campaign_case k WHERE k.campaign_id = \(campaignID)
            GROUP BY 1, 2, 3, 4
            """
        ) { row in
            let (called, reached, furthest, state, cases) = try row.decode((Bool, Bool, Int, String, Int).self)
            return Funnel.Tally(called: called, reached: reached, furthest: furthest, state: try .stored(state), cases: cases)
        }
    }
}

extension StoreTransaction {
    /// How often an outcome was recorded in a campaign (all time) and its amounts summed, from the rollup.
    public func outcomeTotal(campaignID: Int, step: String, outcome: String) async throws -> (calls: Int, amount: String) {
        try await collect(
            """
            SELECT coalesce(sum(calls), 0)::int, coalesce(sum(amount), 0)::text FROM call_rollup
            WHERE campaign_id = \(campaignID) AND step = \(step) AND outcome = \(outcome)
            """
        ) { try $0.decode((Int, String).self) }[0]
    }
}
