public import CallsheetDomain
import Foundation
import PostgresNIO

/// Campaigns, their workflow snapshots and their audiences.
extension StoreTransaction {
    /// Stores `workflow` once per distinct content and returns its id (a campaign points at it).
    public func storeWorkflowVersion(_ workflow: Workflow) async throws -> Int {
        let json = String(decoding: try JSONEncoder.sorted.encode(workflow), as: UTF8.self)
        let ids = try await collect(
            """
            WITH found AS (
                SELECT id FROM workflow_version
                WHERE name = \(workflow.name) AND version = \(workflow.version) AND md5(definition::text) = md5(\(json)::jsonb::text)
            ), stored AS (
                INSERT INTO workflow_version (name, version, definition)
                SELECT \(workflow.name), \(workflow.version), \(json)::jsonb WHERE NOT EXISTS (SELECT 1 FROM found)
                RETURNING id
            )
            SELECT id FROM found UNION ALL SELECT id FROM stored
            """
        ) { try $0.decode(Int.self) }
        return ids[0]
    }

    public func insertCampaign(_ new: NewCampaign) async throws -> Int? {
        let workflowID = try await storeWorkflowVersion(new.workflow)
        let ids = try await collect(
            """
            INSERT INTO campaign (name, administrator_id, workflow_version_id, calling_start, calling_end, event_day, budget, working_days, holidays)
            SELECT \(new.name), a.id, \(workflowID), \(new.callingHours.start), \(new.callingHours.end), \(new.eventDay?.rawValue),
                   \(new.budget)::numeric, \(new.workingDays.map(\.rawValue).sorted())::smallint[], \(new.holidays.map(\.description).sorted())::date[]
            FROM administrator a WHERE a.login = \(new.team)
            RETURNING id
            """
        ) { try $0.decode(Int.self) }
        return ids.first
    }

    /// Campaigns (one when `name` is given). Audience, wave and open-case counts scan a
    /// campaign's rows, so they are only computed `withCounts` (list and show), never on
    /// the paths that merely need the settings (wave open, assign).
    public func campaigns(name: String? = nil, forUpdate: Bool = false, withCounts: Bool = false) async throws -> [CampaignRecord] {
        if forUpdate, let name {
            try await run("SELECT id FROM campaign WHERE name = \(name) FOR UPDATE")
        }
        return try await collect(
            """
            SELECT c.id, c.name, a.login, a.id, w.definition::text, c.state, c.calling_start, c.calling_end, c.event_day::int,
                   c.budget::text, c.working_days::int[], c.holidays::text[], c.auto_wave::int,
                   CASE WHEN \(withCounts) THEN (SELECT count(*)::int FROM campaign_client cc WHERE cc.campaign_id = c.id) ELSE 0 END,
                   (SELECT count(*)::int FROM wave v WHERE v.campaign_id = c.id), c.daily_cap::int, c.lifetime_cap::int,
                   CASE WHEN \(withCounts) THEN (SELECT count(*)::int FROM campaign_case k WHERE k.campaign_id = c.id AND k.state = 'open') ELSE 0 END
            FROM campaign c JOIN administrator a ON a.id = c.administrator_id JOIN workflow_version w ON w.id = c.workflow_version_id
            WHERE \(name)::text IS NULL OR c.name = \(name)
            ORDER BY c.name
            """
        ) { row in
            let (id, name, team, teamID, definition, state, start, end, event, budget, days, holidays, auto, audience, waves, daily, lifetime, open) = try row.decode(
                (Int, String, String, Int, String, String, Int, Int, Int?, String?, [Int], [String], Int?, Int, Int, Int, Int, Int).self)
            let workflow = try JSONDecoder().decode(Workflow.self, from: Data(definition.utf8))
            return CampaignRecord(
                id: id, name: name, team: team, teamID: teamID, workflow: workflow, state: try .stored(state),
                callingHours: CallingHours(start: start, end: end) ?? CallingHours(start: 540, end: 1080)!,
                eventDay: event.flatMap(Weekday.init(rawValue:)), budget: budget, workingDays: Set(days.compactMap(Weekday.init(rawValue:))),
                holidays: Set(holidays.compactMap { LocalDate(iso: $0) }), autoWave: auto.flatMap(Weekday.init(rawValue:)),
                dailyCap: daily, lifetimeCap: lifetime,
                audience: audience, waves: waves, openCases: open
            )
        }
    }

    /// The campaign named `text`, else the one whose id it is.
    public func campaignID(nameOrID text: String) async throws -> Int? {
        try await collect(
            """
            SELECT id FROM campaign WHERE name = \(text) OR id::text = \(text) ORDER BY (name = \(text)) DESC LIMIT 1
            """
        ) { try $0.decode(Int.self) }.first
    }

    /// Applies `changes`; false when there is no such campaign.
    public func updateCampaign(name: String, _ changes: CampaignChanges) async throws -> Bool {
        let autoWaveGiven = changes.autoWave != nil
        let autoWave = changes.autoWave.flatMap { $0?.rawValue }
        let updated = try await collect(
            """
            UPDATE campaign SET
                calling_start = coalesce(\(changes.callingHours?.start), calling_start),
                calling_end = coalesce(\(changes.callingHours?.end), calling_end),
                event_day = coalesce(\(changes.eventDay?.rawValue), event_day),
                budget = coalesce(\(changes.budget)::numeric, budget),
                auto_wave = CASE WHEN \(autoWaveGiven) THEN \(autoWave)::smallint ELSE auto_wave END,
                holidays = coalesce(\(changes.holidays.map { $0.map(\.description).sorted() })::date[], holidays),
                daily_cap = coalesce(\(changes.dailyCap)::smallint, daily_cap),
                lifetime_cap = coalesce(\(changes.lifetimeCap)::smallint, lifetime_cap),
                working_days = coalesce(\(changes.workingDays.map { $0.map(\.rawValue).sorted() })::smallint[], working_days),
                updated_at = now()
            WHERE name = \(name) RETURNING id
            """
        ) { try $0.decode(Int.self) }
        return !updated.isEmpty
    }

    /// Moves the campaign to `state`; returns the previous state, nil when there is no such campaign.
    public func setCampaignState(name: String, to state: CampaignState) async throws -> CampaignState? {
        try await collect(
            """
            WITH target AS (SELECT id, state FROM campaign WHERE name = \(name) FOR UPDATE)
            UPDATE campaign c SET state = \(state.rawValue), updated_at = now() FROM target WHERE c.id = target.id
            RETURNING target.state
            """
        ) { try CampaignState.stored(try $0.decode(String.self)) }.first
    }

    /// Closing a campaign cancels its open cases and pending tasks; returns how many cases.
    public func cancelOpenCases(campaignID: Int, reason: String) async throws -> Int {
        try await run(
            """
            UPDATE task SET state = 'cancelled', closed_at = now() WHERE campaign_id = \(campaignID) AND state = 'pending'
            """)
        return try await collect(
            """
            UPDATE campaign_case SET state = 'cancelled', closed_at = now(), close_reason = \(reason)
            WHERE campaign_id = \(campaignID) AND state = 'open' RETURNING id
            """
        ) { _ in 1 }.count
    }

    /// Adds the selected clients to the audience; returns (added, already there).
    ///
    /// A client taken out of the audience and added again keeps the calls they had: their
    /// attempt counters are rebuilt from the campaign's call history (lifetime total, and the
    /// calls of the latest day in the client's own zone, else `defaultZone`), so
    /// `remove-clients` then `add-clients` cannot reset the caps. Only the calls of clients
    /// not yet in the audience are read (through `call_client`), not the campaign's history.
    public func addAudience(campaignID: Int, _ selection: AudienceSelection, defaultZone: String) async throws -> (added: Int, present: Int) {
        let (importID, segment, tag, all, ids) = selection.parameters
        let counts = try await collect(
            """
            WITH chosen AS (
                SELECT c.id FROM client c
                WHERE (\(all) OR c.import_id = \(importID) OR c.segment = \(segment) OR \(tag)::text = ANY(c.tags)
                       OR c.id = ANY(\(ids)::bigint[]))
            ), fresh AS (
                SELECT ch.id FROM chosen ch
                WHERE NOT EXISTS (SELECT 1 FROM campaign_client a WHERE a.campaign_id = \(campaignID) AND a.client_id = ch.id)
            ), per_day AS (
                SELECT k.client_id, l.day, count(*)::int AS calls
                FROM fresh f JOIN call k ON k.client_id = f.id JOIN client c ON c.id = k.client_id
                CROSS JOIN LATERAL (SELECT (k.finished_at AT TIME ZONE \(usableZoneOf: "c.time_zone", else: defaultZone))::date AS day) l
                WHERE k.campaign_id = \(campaignID)
                GROUP BY k.client_id, l.day
            ), earlier AS (
                SELECT client_id, sum(calls)::int AS total, max(day) AS day, (array_agg(calls ORDER BY day DESC NULLS LAST))[1] AS today
                FROM per_day GROUP BY client_id
            ), added AS (
                INSERT INTO campaign_client (campaign_id, client_id, calls_total, calls_day, calls_today)
                SELECT \(campaignID), ch.id, coalesce(e.total, 0), e.day, coalesce(e.today, 0)
                FROM chosen ch LEFT JOIN earlier e ON e.client_id = ch.id
                ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT (SELECT count(*)::int FROM added), (SELECT count(*)::int FROM chosen)
            """
        ) { try $0.decode((Int, Int).self) }
        return (counts[0].0, counts[0].1 - counts[0].0)
    }

    /// Removes the selected clients from the audience, cancelling their open case and
    /// pending tasks in this campaign; returns (removed, cases cancelled).
    public func removeAudience(campaignID: Int, _ selection: AudienceSelection) async throws -> (removed: Int, cancelled: Int) {
        let (importID, segment, tag, all, ids) = selection.parameters
        let removed = try await collect(
            """
            DELETE FROM campaign_client cc USING client c
            WHERE cc.campaign_id = \(campaignID) AND c.id = cc.client_id
              AND (\(all) OR c.import_id = \(importID) OR c.segment = \(segment) OR \(tag)::text = ANY(c.tags) OR c.id = ANY(\(ids)::bigint[]))
            RETURNING cc.client_id
            """
        ) { try $0.decode(Int.self) }
        guard !removed.isEmpty else { return (0, 0) }
        try await run(
            """
            UPDATE task SET state = 'cancelled', closed_at = now()
            WHERE campaign_id = \(campaignID) AND state = 'pending' AND client_id = ANY(\(removed)::bigint[])
            """)
        let cancelled = try await collect(
            """
            UPDATE campaign_case SET state = 'cancelled', closed_at = now(), close_reason = 'removed from the campaign'
            WHERE campaign_id = \(campaignID) AND state = 'open' AND client_id = ANY(\(removed)::bigint[]) RETURNING id
            """
        ) { _ in 1 }
        return (removed.count, cancelled.count)
    }
}

extension AudienceSelection {
    /// One bind per alternative; the unused ones are NULL / false / empty.
    var parameters: (Int?, String?, String?, Bool, [Int]) {
        switch self {
        case .importID(let id): (id, nil, nil, false, [])
        case .segment(let s): (nil, s, nil, false, [])
        case .tag(let t): (nil, nil, t, false, [])
        case .all: (nil, nil, nil, true, [])
        case .clients(let ids): (nil, nil, nil, false, ids)
        }
    }
}

extension JSONEncoder {
    /// Stable key order, so the same workflow always encodes to the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
