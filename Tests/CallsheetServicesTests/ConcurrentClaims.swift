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
                        let r = await session.replies(["next --as \(manager)"], role: .admin)[0]
                        guard let task = r.field("task").flatMap(Int.init), let client = r.field("client").flatMap(Int.init) else { break }
                        claims.append(Claim(client: client, afterFlag: afterFlag))
                        _ = await session.run("outcome \(task) refused --as \(manager)", role: .admin)
                    }
                    return claims
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
