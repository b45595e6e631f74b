import CallsheetStore
import CallsheetTestSupport
import Logging
import PostgresNIO
import Testing

@Suite struct DatabasePoolTests {
    /// The call loop's connections plan each prepared statement once (generic plans);
    /// the general pool leaves the choice to PostgreSQL (reports are planned for their values).
    @Test func theCallLoopPoolForcesGenericPlansAndTheGeneralPoolDoesNot() async throws {
        try await TestDatabase.with { database, _ in
            func planCacheMode(_ pool: Database.Pool) async throws -> String {
                try await database.withConnection(pool: pool) { connection in
                    var mode = ""
                    for try await (value) in try await connection.query("SHOW plan_cache_mode", logger: Logger(label: "test")).decode(String.self) { mode = value }
                    return mode
                }
            }
            let callLoop = try await planCacheMode(.callLoop), general = try await planCacheMode(.general)
            #expect(callLoop == "force_generic_plan")
            #expect(general == "auto")
        }
    }
}
