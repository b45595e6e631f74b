import CallsheetServices
import CallsheetStore
import CallsheetTestSupport

/// The hammer the concurrency tests share: every manager, in its own session and at the
/// same time, claims a call and records `refused` until nothing is left to claim.
enum ConcurrentClaims {
    /// One claim: the client it returned, and whether `flag` was already set when it was asked for.
    struct Claim: Sendable {
        var client: Int
        var afterFlag: Bool
    }

    static func run(
        _ managers: [String], at iso: String, _ database: Database, callSettings: CallSettings = CallSettings(),
        flag: Flag? = nil
    ) async throws -> [Claim] {
        try await withThrowingTaskGroup(of: [Claim].self) { group in
            for manager in managers {
                group.addTask {
                    let session = CallLoopFixture.at(iso, database, callSettings: callSettings)
                    var claims: [Claim] = []
                    while true {
                        let afterFlag = await flag?.isSet ?? false
                        let r = await session.run("next --as \(manager)", role: .admin)
                        guard let status = r.last, status.hasPrefix("OK task="), !status.hasPrefix("OK task=none") else { break }
                        let parts = status.split(separator: " ")
                        claims.append(Claim(client: Int(parts[2].dropFirst(7))!, afterFlag: afterFlag))
                        _ = await session.run("outcome \(parts[1].dropFirst(5)) refused --as \(manager)", role: .admin)
                    }
                    return claims
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
