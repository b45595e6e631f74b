public import CallsheetDomain
import Foundation
import PostgresNIO

extension StoreTransaction {
    /// Every case of the campaign's wave of `week`, by manager and client name.
    public func sheetRows(campaignID: Int, week: String) async throws -> [SheetRow] {
        try await collect(
            """
            SELECT m.login, c.id, c.name, c.contact, p.e164, c.email, c.segment, k.step, k.state, k.offer_status,
                   coalesce(l.calls, 0), k.called_at, l.last_at, l.last_outcome, l.amounts, n.due_on::text, n.due_at
            FROM campaign_case k JOIN wave v ON v.id = k.wave_id JOIN manager m ON m.id = k.manager_id JOIN client c ON c.id = k.client_id
            LEFT JOIN LATERAL (SELECT e164 FROM client_phone WHERE client_id = c.id ORDER BY position LIMIT 1) p ON true
            LEFT JOIN LATERAL (
                SELECT count(*)::int AS calls, max(x.finished_at) AS last_at, (array_agg(x.outcome ORDER BY x.finished_at DESC, x.id DESC))[1] AS last_outcome,
                       string_agg(x.outcome || ' ' || x.amount::text, '; ' ORDER BY x.finished_at, x.id) FILTER (WHERE x.amount IS NOT NULL) AS amounts
                FROM call x WHERE x.client_id = k.client_id AND x.case_id = k.id
            ) l ON true
            LEFT JOIN LATERAL (SELECT t.due_on, t.due_at FROM task t WHERE t.case_id = k.id AND t.state = 'pending'
                               ORDER BY t.due_on, t.due_at NULLS FIRST LIMIT 1) n ON true
            WHERE v.campaign_id = \(campaignID) AND v.week = \(week)
            ORDER BY m.login, c.name, c.id
            """
        ) { row in
            let cells = PostgresRandomAccessRow(row)
            func text(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
            func date(_ index: Int) throws -> Date? { try cells[index].decode(Date?.self) }
            let (login, id, name, segment, step, state) = (
                try cells[0].decode(String.self), try cells[1].decode(Int.self), try cells[2].decode(String.self),
                try cells[6].decode(String.self), try cells[7].decode(String.self), try cells[8].decode(String.self)
            )
            let (contact, phone, email, offer) = (try text(3), try text(4), try text(5), try text(9))
            let calls = try cells[10].decode(Int.self), first = try date(11), last = try date(12)
            let outcome = try text(13), amounts = try text(14), dueOn = try text(15), dueAt = try date(16)
            return SheetRow(
                manager: login, clientID: id, name: name, contact: contact, phone: phone, email: email, segment: segment, step: step,
                state: try .stored(state), offer: offer, calls: calls, firstCalledAt: first, lastCallAt: last, lastOutcome: outcome,
                amounts: amounts, nextDueOn: try dueOn.map(Self.day), nextDueAt: dueAt)
        }
    }
}
