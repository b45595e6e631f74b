public import CallsheetDomain
import Foundation
import PostgresNIO

/// The do-not-call lists (docs/domain.md#do-not-call). Every add and remove is a new `dnc_event` row; the current
/// state (`dnc_listing`) is maintained in the same transaction.
///
/// RULE for every later feature that creates pending work (tasks, call-backs, waves):
/// ``addDoNotCall(_:campaignID:reason:actor:)`` must also cancel that work for the client or
/// phone, in this same transaction, and every claim must check `dnc_listing`.
extension StoreTransaction {
    /// Lists `subject`; returns false (and records nothing) when it was already listed there.
    public func addDoNotCall(_ subject: DoNotCallSubject, campaignID: Int?, reason: String, actor: ActingUser) async throws -> Bool {
        try await lock(.doNotCall)
        try await run("SELECT pg_advisory_xact_lock(hashtextextended(\(subject.lockKey), 0))")
        let existing = try await collect(
            """
            SELECT id FROM dnc_listing
            WHERE phone_e164 IS NOT DISTINCT FROM \(subject.phone) AND client_id IS NOT DISTINCT FROM \(subject.clientID)
              AND campaign_id IS NOT DISTINCT FROM \(campaignID)
            """
        ) { try $0.decode(Int.self) }
        guard existing.isEmpty else { return false }
        try await run(
            """
            WITH event AS (
                INSERT INTO dnc_event (action, campaign_id, phone_e164, client_id, reason, actor_uid, actor_name)
                VALUES ('add', \(campaignID), \(subject.phone), \(subject.clientID), \(reason), \(Int(actor.uid)), \(actor.name))
                RETURNING id, at
            )
            INSERT INTO dnc_listing (campaign_id, phone_e164, client_id, since, reason, added_by, event_id)
            SELECT \(campaignID), \(subject.phone), \(subject.clientID), event.at, \(reason), \(actor.label), event.id FROM event
            """)
        try await appendDoNotCallEvent(subject, actor: actor, summary: subject.historyPrefix + Self.listedPhrase(campaignID: campaignID) + reason)
        try await cancelPendingWork(subject, campaignID: campaignID)
        return true
    }

    /// Unlists `subject`; returns false when it was not listed there.
    public func removeDoNotCall(_ subject: DoNotCallSubject, campaignID: Int?, reason: String?, actor: ActingUser) async throws -> Bool {
        try await run("SELECT pg_advisory_xact_lock(hashtextextended(\(subject.lockKey), 0))")
        let removed = try await collect(
            """
            DELETE FROM dnc_listing
            WHERE phone_e164 IS NOT DISTINCT FROM \(subject.phone) AND client_id IS NOT DISTINCT FROM \(subject.clientID)
              AND campaign_id IS NOT DISTINCT FROM \(campaignID)
            RETURNING id
            """
        ) { try $0.decode(Int.self) }
        guard !removed.isEmpty else { return false }
        try await run(
            """
            INSERT INTO dnc_event (action, campaign_id, phone_e164, client_id, reason, actor_uid, actor_name)
            VALUES ('remove', \(campaignID), \(subject.phone), \(subject.clientID), \(reason), \(Int(actor.uid)), \(actor.name))
            """)
        try await appendDoNotCallEvent(
            subject, actor: actor,
            summary: "\(subject.historyPrefix)removed from the do-not-call list (\(Self.scope(campaignID)))" + (reason.map { ": \($0)" } ?? ""))
        return true
    }

    /// How a client's history names a list: `campaign 3` or `all campaigns`.
    static func scope(_ campaignID: Int?) -> String { campaignID.map { "campaign \($0)" } ?? "all campaigns" }

    /// The history's words for a listing, before its reason.
    static func listedPhrase(campaignID: Int?) -> String { "put on the do-not-call list (\(scope(campaignID))): " }

    /// Writes a listing change into the history of the client it names, or of every client
    /// who has the listed number (they can no longer be called on it, so their card says so).
    private func appendDoNotCallEvent(_ subject: DoNotCallSubject, actor: ActingUser, summary: String) async throws {
        try await run(
            """
            INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
            SELECT DISTINCT t.client_id, \(Int(actor.uid)), \(actor.name), 'do-not-call', jsonb_build_object('summary', \(summary)::text)
            FROM (SELECT \(subject.clientID)::bigint AS client_id UNION SELECT client_id FROM client_phone WHERE e164 = \(subject.phone)) t
            WHERE t.client_id IS NOT NULL
            """)
    }

    /// Every listing that applies to `phone`: the number itself, and clients who have it.
    public func doNotCallListings(forPhone phone: String) async throws -> [DoNotCallListing] {
        try await collect(
            """
            SELECT l.phone_e164, l.client_id, l.campaign_id, l.since, l.reason, l.added_by FROM dnc_listing l
            WHERE l.phone_e164 = \(phone) OR l.client_id IN (SELECT client_id FROM client_phone WHERE e164 = \(phone))
            ORDER BY l.since, l.id
            """, Self.listing)
    }

    public func doNotCallListings(campaignID: Int?, globalOnly: Bool, limit: Int) async throws -> [DoNotCallListing] {
        try await collect(
            """
            SELECT l.phone_e164, l.client_id, l.campaign_id, l.since, l.reason, l.added_by FROM dnc_listing l
            WHERE (\(campaignID)::bigint IS NULL OR l.campaign_id = \(campaignID)) AND (NOT \(globalOnly) OR l.campaign_id IS NULL)
            ORDER BY l.since DESC, l.id DESC LIMIT \(limit)
            """, Self.listing)
    }

    /// The do-not-call rule (docs/domain.md#do-not-call): closes every open case (as `do-not-call`) and cancels every pending
    /// task of the client — or of every client with the phone — in all campaigns, or in
    /// `campaignID` only. Returns how many tasks were cancelled.
    @discardableResult
    public func cancelPendingWork(_ subject: DoNotCallSubject, campaignID: Int?) async throws -> Int {
        try await cancelPendingWork(clients: subject.clientID.map { [$0] } ?? [], withPhone: subject.phone, campaignID: campaignID)
    }

    /// The same rule for `clients` and every client who has `phone` (many at once: an import's listings).
    @discardableResult
    func cancelPendingWork(clients: [Int], withPhone phone: String?, campaignID: Int?) async throws -> Int {
        let cancelled = try await collect(
            """
            WITH target AS (
                SELECT unnest(\(clients)::bigint[]) AS client_id
                UNION SELECT client_id FROM client_phone WHERE e164 = \(phone)
            ), closed AS (
                UPDATE campaign_case c SET state = 'do-not-call', closed_at = now(), close_reason = 'do-not-call'
                WHERE c.state = 'open' AND c.client_id IN (SELECT client_id FROM target)
                  AND (\(campaignID)::bigint IS NULL OR c.campaign_id = \(campaignID))
                RETURNING c.id
            )
            UPDATE task t SET state = 'cancelled', closed_at = now()
            WHERE t.state = 'pending' AND t.client_id IN (SELECT client_id FROM target)
              AND (\(campaignID)::bigint IS NULL OR t.campaign_id = \(campaignID))
            RETURNING t.id
            """
        ) { try $0.decode(Int.self) }
        return cancelled.count
    }

    public func clientExists(_ id: Int) async throws -> Bool {
        try await !collect("SELECT 1 FROM client WHERE id = \(id)") { _ in 1 }.isEmpty
    }

    private static func listing(_ row: PostgresRow) throws -> DoNotCallListing {
        let (phone, client, campaign, since, reason, by) = try row.decode((String?, Int?, Int?, Date, String, String).self)
        let subject: DoNotCallSubject = phone.map { .phone($0) } ?? .client(client ?? 0)
        return DoNotCallListing(subject: subject, campaignID: campaign, since: since, reason: reason, addedBy: by)
    }
}

extension StoreTransaction {
    /// How many do-not-call history events exist, by action (`add`, `remove`).
    public func countByAction() async throws -> [(String, Int)] {
        try await collect("SELECT action, count(*)::int FROM dnc_event GROUP BY action ORDER BY action") { try $0.decode((String, Int).self) }
    }
}
