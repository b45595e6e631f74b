public import CallsheetDomain
import Foundation
import PostgresNIO

extension StoreTransaction {
    /// Stores a new client with its phones and a `created` history line; returns its id.
    public func insertClient(_ draft: ClientDraft, importID: Int? = nil, actor: ActingUser) async throws -> Int {
        let ids = try await collect(
            """
            INSERT INTO client (name, contact, email, segment, tags, importance, time_zone, external_id, notes, import_id)
            VALUES (\(draft.name), \(draft.contact), \(draft.email), \(draft.segment.rawValue), \(draft.tags), \(draft.importance),
                    \(draft.timeZone), \(draft.externalID), \(draft.notes), \(importID))
            RETURNING id
            """
        ) { try $0.decode(Int.self) }
        let id = ids[0]
        try await addPhones(draft.phones, to: id)
        try await appendClientEvent(id, actor: actor, kind: "created", summary: "added by \(actor.label)")
        return id
    }

    /// Appends phones after the client's existing ones, skipping numbers it already has.
    public func addPhones(_ phones: [ClientDraft.Phone], to clientID: Int) async throws {
        guard !phones.isEmpty else { return }
        try await run(
            """
            INSERT INTO client_phone (client_id, position, e164, extension, raw, country)
            SELECT \(clientID), coalesce((SELECT max(position) FROM client_phone WHERE client_id = \(clientID)), 0) + p.ord, p.e164, nullif(p.ext, ''), p.raw, nullif(p.country, '')
            FROM unnest(\(phones.map(\.number.e164))::text[], \(phones.map { $0.number.extensionDigits ?? "" })::text[],
                        \(phones.map(\.raw))::text[], \(phones.map { $0.number.country ?? "" })::text[]) WITH ORDINALITY AS p(e164, ext, raw, country, ord)
            WHERE NOT EXISTS (SELECT 1 FROM client_phone c WHERE c.client_id = \(clientID) AND c.e164 = p.e164)
            """)
    }

    /// Takes numbers (E.164) off a client's card; returns those it had and how many
    /// phones the card keeps. Calls, history and do-not-call listings are untouched.
    public func removePhones(_ e164s: [String], from clientID: Int) async throws -> (removed: [String], left: Int) {
        let rows = try await collect(
            """
            WITH removed AS (
                DELETE FROM client_phone WHERE client_id = \(clientID) AND e164 = ANY(\(e164s)::text[]) RETURNING e164
            )
            SELECT (SELECT array_agg(e164 ORDER BY e164) FROM removed),
                   (SELECT count(*)::int FROM client_phone WHERE client_id = \(clientID)) - (SELECT count(*)::int FROM removed)
            """
        ) { try $0.decode(([String]?, Int).self) }
        return (rows[0].0 ?? [], rows[0].1)
    }

    public func appendClientEvent(_ clientID: Int, actor: ActingUser, kind: String, summary: String) async throws {
        try await run(
            """
            INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
            VALUES (\(clientID), \(Int(actor.uid)), \(actor.name), \(kind), jsonb_build_object('summary', \(summary)::text))
            """)
    }

    /// Existing clients that share the external id or one of the phones, for duplicate checks.
    public func clientsMatching(externalID: String?, phones: [String]) async throws -> [(id: Int, reason: String)] {
        try await collect(
            """
            SELECT id, 'external id ' || external_id FROM client WHERE external_id = \(externalID)
            UNION ALL
            SELECT client_id, 'phone ' || e164 FROM client_phone WHERE e164 = ANY(\(phones)::text[])
            """
        ) { row in
            let (id, reason) = try row.decode((Int, String).self)
            return (id, reason)
        }
    }

    public func clients(ids: [Int]) async throws -> [ClientRecord] {
        let phones = try await collect(
            """
            SELECT client_id, e164, extension, raw FROM client_phone WHERE client_id = ANY(\(ids)::bigint[]) ORDER BY client_id, position
            """
        ) { row in
            let (id, e164, ext, raw) = try row.decode((Int, String, String?, String).self)
            return (id, ClientRecord.Phone(e164: e164, extensionDigits: ext, raw: raw))
        }
        let byClient = Dictionary(grouping: phones, by: \.0).mapValues { $0.map(\.1) }
        return try await collect(
            """
            SELECT id, name, contact, email, segment, tags, importance::int, time_zone, external_id, notes, import_id, created_at
            FROM client WHERE id = ANY(\(ids)::bigint[]) ORDER BY id
            """
        ) { row in
            let (id, name, contact, email, segment, tags, importance, zone, external, notes, importID, created) =
                try row.decode((Int, String, String?, String?, String, [String], Int, String?, String?, String?, Int?, Date).self)
            return ClientRecord(
                id: id, name: name, contact: contact, email: email, segment: segment, tags: tags, importance: importance,
                timeZone: zone, externalID: external, notes: notes, importID: importID, createdAt: created,
                phones: byClient[id] ?? [])
        }
    }

    /// Everything that happened to one client, oldest first. People appear as
    /// ``ActingUser/label`` does (`ewa (uid 1000)`, the form waves and do-not-call listings
    /// store); calls name the manager who made them, and who recorded the outcome when that
    /// was someone else (`anna (by ewa)`: an administrator's `outcome … --as anna`).
    public func clientEvents(_ clientID: Int) async throws -> [ClientEventRecord] {
        try await collect(
            """
            SELECT at, who, kind, summary FROM (
                SELECT at, id, coalesce(actor_name || coalesce(' (uid ' || actor_uid || ')', ''), 'uid ' || actor_uid, 'system') AS who, kind,
                       coalesce(detail->>'summary', detail::text) AS summary
                FROM client_event WHERE client_id = \(clientID)
                UNION ALL
                SELECT i.started_at, 0, coalesce(i.actor_name || coalesce(' (uid ' || i.actor_uid || ')', ''), 'uid ' || i.actor_uid, 'system'), 'imported',
                       'imported by import ' || i.id || coalesce(' (' || i.source || ')', '') || ', line ' || c.import_line
                FROM client c JOIN client_import i ON i.id = c.import_id WHERE c.id = \(clientID) AND c.import_line IS NOT NULL
                UNION ALL
                SELECT k.opened_at, 0, v.opened_by, 'wave',
                       'campaign ' || g.name || ', wave ' || v.week || ': assigned to ' || m.login
                FROM campaign_case k JOIN wave v ON v.id = k.wave_id JOIN campaign g ON g.id = k.campaign_id JOIN manager m ON m.id = k.manager_id
                WHERE k.client_id = \(clientID) AND NOT EXISTS (SELECT 1 FROM assignment_event e WHERE e.case_id = k.id AND e.kind = 'assign')
                UNION ALL
                SELECT e.at, e.id, coalesce(e.actor_name || coalesce(' (uid ' || e.actor_uid || ')', ''), 'uid ' || e.actor_uid, 'system'), e.kind,
                       'campaign ' || g.name || ': ' || CASE e.kind
                           WHEN 'assign' THEN 'assigned to ' || t.login
                           WHEN 'reassign' THEN 'moved from ' || f.login || ' to ' || t.login
                           ELSE 'taken off ' || f.login || '''s list' END
                FROM assignment_event e JOIN campaign g ON g.id = e.campaign_id
                LEFT JOIN manager f ON f.id = e.from_manager_id LEFT JOIN manager t ON t.id = e.to_manager_id
                WHERE e.client_id = \(clientID)
                UNION ALL
                SELECT c.finished_at, c.id,
                       m.login || CASE WHEN c.actor_name IS DISTINCT FROM m.login AND (c.actor_name IS NOT NULL OR c.actor_uid IS NOT NULL)
                                       THEN ' (by ' || coalesce(c.actor_name, 'uid ' || c.actor_uid) || ')' ELSE '' END, 'call',
                       'campaign ' || g.name || ', ' || c.step || ': ' || c.outcome || coalesce(' ' || c.amount::text, '')
                       || coalesce(' (' || c.reason || ')', '') || coalesce(' — ' || c.note, '')
                       || coalesce('; next ' || c.next_step || ' due ' || c.next_due::text, '')
                FROM call c JOIN campaign g ON g.id = c.campaign_id JOIN manager m ON m.id = c.manager_id
                WHERE c.client_id = \(clientID)
            ) history ORDER BY at, id
            """
        ) { row in
            let (at, actor, kind, summary) = try row.decode((Date, String, String, String).self)
            return ClientEventRecord(at: at, actor: actor, kind: kind, summary: summary)
        }
    }

    /// Clients whose name starts with or contains `text`, or whose phone, e-mail or external id is `text`.
    public func findClients(text: String, phone: String?, segment: String?, tag: String?, limit: Int) async throws -> [Int] {
        let pattern =
            "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try await collect(
            """
            SELECT c.id FROM client c
            WHERE (lower(c.name) LIKE \(pattern) OR lower(c.contact) LIKE \(pattern) OR lower(c.email) = \(text.lowercased())
                   OR c.external_id = \(text)
                   OR c.id IN (SELECT client_id FROM client_phone WHERE e164 = \(phone)))
              AND (\(segment)::text IS NULL OR c.segment = \(segment))
              AND (\(tag)::text IS NULL OR c.tags @> ARRAY[\(tag)::text])
            ORDER BY c.name, c.id LIMIT \(limit)
            """
        ) { try $0.decode(Int.self) }
    }

    /// The client columns whose changes the history records, in the order it lists them.
    static let editableColumns = ["name", "contact", "email", "segment", "tags", "importance", "time_zone", "external_id", "notes"]

    /// Sets the given fields; returns what changed (empty: nothing), nil when there is no such client.
    public func updateClient(_ id: Int, _ changes: ClientChanges) async throws -> ClientFieldChanges? {
        let rows = try await collect(
            """
            WITH before AS (SELECT * FROM client WHERE id = \(id) FOR UPDATE)
            UPDATE client c SET
                name = coalesce(\(changes.name), c.name), contact = coalesce(\(changes.contact), c.contact),
                email = coalesce(\(changes.email), c.email), segment = coalesce(\(changes.segment), c.segment),
                tags = CASE WHEN \(changes.tags)::text[] IS NULL THEN c.tags ELSE \(changes.tags)::text[] END,
                importance = coalesce(\(changes.importance)::smallint, c.importance), time_zone = coalesce(\(changes.timeZone), c.time_zone),
                external_id = coalesce(\(changes.externalID), c.external_id), notes = coalesce(\(changes.notes), c.notes),
                updated_at = now()
            FROM before WHERE c.id = before.id
            RETURNING callsheet_field_changes(to_jsonb(before), to_jsonb(c), \(Self.editableColumns)::text[])::text
            """
        ) { try $0.decode(String.self) }
        return try rows.first.map(ClientFieldChanges.init(json:))
    }

    /// Records an edit in the client's history: the fields with their old and new values,
    /// then `phones` (what happened to the numbers), if anything.
    public func appendClientEdit(_ clientID: Int, actor: ActingUser, changes: ClientFieldChanges, phones: String?) async throws {
        try await run(
            """
            INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
            SELECT \(clientID), \(Int(actor.uid)), \(actor.name), 'edited',
                   jsonb_build_object('summary', 'changed ' || concat_ws('; ', callsheet_changes_text(ch), \(phones)::text), 'changes', ch)
            FROM (SELECT \(changes.json)::jsonb AS ch) x
            """)
    }
}

/// What an edit changed, as the history stores it: `[{"field", "old", "new"}]`.
public struct ClientFieldChanges: Sendable, Equatable {
    /// The JSON array, as PostgreSQL wrote it.
    public var json: String
    /// The console's names of the changed fields, in order (`name`, `timezone`, …).
    public var fields: [String]

    init(json: String) throws {
        self.json = json
        let decoded = try JSONDecoder().decode([Entry].self, from: Data(json.utf8))
        fields = decoded.map(\.field)
    }

    private struct Entry: Decodable {
        var field: String
    }
}
