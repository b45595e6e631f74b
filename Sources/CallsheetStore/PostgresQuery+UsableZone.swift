import CallsheetDomain
import PostgresNIO

extension PostgresQuery.StringInterpolation {
    /// `\(usableZoneOf: "c.time_zone", else: defaultZone)`: the one rule of
    /// ``ClaimStatement/usableZone(_:default:)`` (the client's zone, the fallback when it has
    /// none, NULL when it is not usable) in an interpolated query, with the fallback bound
    /// as a parameter — so the claim, `nextDue`, the cap counters and the audience rebuild
    /// read local time the same way.
    mutating func appendInterpolation(usableZoneOf column: String, else fallback: String) {
        let slot: Character = "\u{0}"
        let parts = ClaimStatement.usableZone(column, default: String(slot)).split(separator: slot, omittingEmptySubsequences: false).map(String.init)
        appendLiteral(parts[0])
        appendInterpolation(fallback)
        appendLiteral(parts[1])
    }
}
