import CallsheetDomain

/// A client zone the claim cannot use, and how many clients have it.
public struct UnusableClientZone: Sendable, Equatable {
    public var zone: String
    public var clients: Int

    public init(zone: String, clients: Int) {
        self.zone = zone
        self.clients = clients
    }
}

extension StoreTransaction {
    /// Checks every client zone against this server's tz database again (an upgraded
    /// database can drop a name) and returns the unusable ones: their clients are skipped by
    /// the claim until `client edit … --timezone` gives them a place name. Run at start-up.
    public func recheckClientZones() async throws -> [UnusableClientZone] {
        try await run(
            """
            UPDATE client_zone SET usable = callsheet_zone_usable(time_zone)
            WHERE usable IS DISTINCT FROM callsheet_zone_usable(time_zone)
            """)
        return try await collect(
            """
            SELECT z.time_zone, (SELECT count(*) FROM client c WHERE c.time_zone = z.time_zone)::int
            FROM client_zone z WHERE NOT z.usable ORDER BY z.time_zone
            """
        ) { row in
            let (zone, clients) = try row.decode((String, Int).self)
            return UnusableClientZone(zone: zone, clients: clients)
        }
    }
}
