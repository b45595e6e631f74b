public import CallsheetDomain
import PostgresNIO

extension StoreTransaction {
    public func insertAdministrator(login: String, name: String, email: String? = nil) async throws -> Int {
        let ids = try await collect("INSERT INTO administrator (login, name, email) VALUES (\(login), \(name), \(email)) RETURNING id") { try $0.decode(Int.self) }
        guard let id = ids.first else { throw StoreError(.invalid, "administrator \(login) was not stored") }
        return id
    }

    public func administrators(login: String? = nil) async throws -> [AdministratorRecord] {
        try await collect(
            """
            SELECT a.id, a.login, a.name, count(m.id) FILTER (WHERE m.active)::int, a.email
            FROM administrator a LEFT JOIN manager m ON m.administrator_id = a.id
            WHERE \(login)::text IS NULL OR a.login = \(login)
            GROUP BY a.id ORDER BY a.login
            """
        ) { row in
            let (id, login, name, managers, email) = try row.decode((Int, String, String, Int, String?).self)
            return AdministratorRecord(id: id, login: login, name: name, activeManagers: managers, email: email)
        }
    }

    /// `admin edit`: a new name and/or e-mail (`-` removes it); false when there is no such administrator.
    public func updateAdministrator(login: String, name: String?, email: String?) async throws -> Bool {
        try await !collect(
            """
            UPDATE administrator SET name = coalesce(\(name), name),
                email = CASE WHEN \(email)::text = '-' THEN NULL ELSE coalesce(\(email), email) END
            WHERE login = \(login) RETURNING 1
            """
        ) { _ in 1 }.isEmpty
    }

    public func insertManager(login: String, name: String, team: String, capacity: Int, timeZone: String, email: String? = nil) async throws -> Int {
        let ids = try await collect(
            """
            INSERT INTO manager (login, name, administrator_id, capacity, time_zone, email)
            SELECT \(login), \(name), a.id, \(capacity), \(timeZone), \(email) FROM administrator a WHERE a.login = \(team)
            RETURNING id
            """
        ) { try $0.decode(Int.self) }
        guard let id = ids.first else { throw StoreError(.notFound, "no administrator '\(team)'") }
        return id
    }

    public func managers(login: String? = nil, team: String? = nil, includeInactive: Bool = true) async throws -> [ManagerRecord] {
        try await collect(
            """
            SELECT m.id, m.login, m.name, a.login, m.capacity, m.time_zone, m.active, m.email
            FROM manager m JOIN administrator a ON a.id = m.administrator_id
            WHERE (\(login)::text IS NULL OR m.login = \(login))
              AND (\(team)::text IS NULL OR a.login = \(team))
              AND (\(includeInactive) OR m.active)
            ORDER BY a.login, m.login
            """
        ) { row in
            let (id, login, name, team, capacity, zone, active, email) = try row.decode((Int, String, String, String, Int, String, Bool, String?).self)
            return ManagerRecord(id: id, login: login, name: name, team: team, capacity: capacity, timeZone: zone, active: active, email: email)
        }
    }

    /// Applies `changes`; returns the updated manager, nil when there is no such manager.
    public func updateManager(login: String, _ changes: ManagerChanges) async throws -> ManagerRecord? {
        let updated = try await collect(
            """
            UPDATE manager m SET
                name = coalesce(\(changes.name), m.name),
                capacity = coalesce(\(changes.capacity), m.capacity),
                time_zone = coalesce(\(changes.timeZone), m.time_zone),
                email = CASE WHEN \(changes.email)::text = '-' THEN NULL ELSE coalesce(\(changes.email), m.email) END,
                administrator_id = coalesce((SELECT id FROM administrator WHERE login = \(changes.team)), m.administrator_id),
                updated_at = now()
            WHERE m.login = \(login)
            RETURNING m.id
            """
        ) { try $0.decode(Int.self) }
        return updated.isEmpty ? nil : try await managers(login: login).first
    }

    /// Sets the active flag; returns whether it changed, nil when there is no such manager.
    public func setManagerActive(login: String, active: Bool) async throws -> Bool? {
        let previous = try await collect(
            """
            WITH target AS (SELECT id, active FROM manager WHERE login = \(login) FOR UPDATE)
            UPDATE manager m SET active = \(active), updated_at = now()
            FROM target WHERE m.id = target.id
            RETURNING target.active
            """
        ) { try $0.decode(Bool.self) }
        return previous.first.map { $0 != active }
    }

    /// Open cases on a manager's lists, by campaign name (`campaign_case_manager_open`):
    /// what a deactivation leaves behind until it is reassigned.
    public func openCasesByCampaign(managerLogin login: String) async throws -> [(campaign: String, cases: Int)] {
        try await collect(
            """
            SELECT g.name, count(*)::int FROM manager m JOIN campaign_case k ON k.manager_id = m.id AND k.state = 'open'
            JOIN campaign g ON g.id = k.campaign_id
            WHERE m.login = \(login) GROUP BY g.name ORDER BY g.name
            """
        ) { row -> (campaign: String, cases: Int) in
            let (name, cases) = try row.decode((String, Int).self)
            return (name, cases)
        }
    }

    /// Appends to the audit trail of administrator actions.
    public func audit(actorUID: UInt32, actorName: String?, role: String, action: String, subject: String) async throws {
        try await run(
            """
            INSERT INTO audit_event (actor_uid, actor_name, actor_role, action, subject)
            VALUES (\(Int(actorUID)), \(actorName), \(role), \(action), \(subject))
            """)
    }
}
