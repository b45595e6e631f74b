import CallsheetDomain
import CallsheetServices
import CallsheetTestSupport
import Testing

/// The sheet's `status` column: black-list values list the client as do-not-call in the
/// import's transaction; other values become a `status:` tag.
@Suite struct ClientImportStatusTests {
    @Test func statusValuesAreReadAsDoNotCallOrATag() {
        #expect(ClientSheetStatus(" Black  List ") == .doNotCall("Black  List"))
        #expect(ClientSheetStatus("ЧЕРНЫЙ СПИСОК") == .doNotCall("ЧЕРНЫЙ СПИСОК"))
        #expect(ClientSheetStatus("dnc") == .doNotCall("dnc"))
        #expect(ClientSheetStatus("Juodasis sąrašas") == .doNotCall("Juodasis sąrašas"))
        #expect(ClientSheetStatus("Nu sunați") == .doNotCall("Nu sunați"))
        #expect(ClientSheetStatus("Call  back") == .tag("status:call back"))
        #expect(ClientSheetStatus("   ") == nil)
        #expect(ClientSheetStatus(nil) == nil)
    }

    @Test func blackListedRowsAreListedAndTheirPendingWorkCancelledOnUpdate() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let first = await console.run(
                ImportFixture.importing("client import", try ImportFixture.fixture("status.csv")) + [
                    "client show 2", "client show 5", "dnc check '+48 600 100 004'", "client show 1",
                ])
            #expect(first[0] == ["OK import=1 read=5 inserted=5 updated=0 skipped=0 rejected=0 do_not_call=2"])
            #expect(first[1].contains("tags:        hot|status:refused"), "\(first[1])")
            #expect(first[2].contains("tags:        status:call back"), "\(first[2])")
            #expect(first[3].last == "OK phone=+48600100004 listed=yes lists=1")
            #expect(first[3].contains { $0.contains("import 1, line 5: status \"Czarna lista\"") }, "\(first[3])")
            #expect(first[4].contains { $0.contains("do-not-call") && $0.contains("put on the do-not-call list (all campaigns): import 1, line 2") })

            let wave = await console.run([
                "admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa --capacity 100",
                "campaign create s --workflow seminar-weekly --admin ewa", "campaign add-clients s --import 1",
                "wave open s --week 2026-W48",
            ])
            #expect(wave[4].last == "OK wave=1 assigned=3 skipped=2 managers=1", "the two black-listed clients are skipped: \(wave[4])")

            let update = await console.run(
                ImportFixture.importing(
                    "client import --update",
                    [
                        "name,phone,status", "Beta,+48 600 100 002,blacklist", "Epsilon,+48 600 100 005,no answer", "Alfa,+48 600 100 001,black list",
                    ]) + ["client show 5"])
            #expect(update[0] == ["OK import=2 read=3 inserted=0 updated=3 skipped=0 rejected=0 do_not_call=1"], "Alfa was listed already: \(update[0])")
            #expect(update[1].contains("tags:        status:no answer"), "the new status replaces the old one: \(update[1])")
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM task WHERE client_id = 2 AND state = 'pending'") == 0)
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM campaign_case WHERE client_id = 2 AND state = 'do-not-call'") == 1)
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM task WHERE state = 'pending'") == 2)

            // Without --update a matched client is left alone, status included.
            let alone = await console.run(ImportFixture.importing("client import", ["name,phone,status", "Gamma,+48 600 100 003,dnc"]))
            #expect(alone[0].last == "OK import=3 read=1 inserted=0 updated=0 skipped=1 rejected=0 do_not_call=0")
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM dnc_listing WHERE client_id = 3") == 0)
        }
    }

    /// Managers claim while an import black-lists some of their clients: once the import has
    /// committed, no claim returns those clients and none of their tasks stays pending.
    @Test func anImportsListingsWinAgainstConcurrentClaims() async throws {
        let managers = (1...8).map { "m\($0)" }
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 400, managers: managers)
            let settings = CallSettings(minimumGapMinutes: 0)
            let listed = Set(stride(from: 5, through: 400, by: 7))
            let rows = ["name,phone,status"] + listed.sorted().map { "Client \($0),+48\(600_000_000 + $0),blacklist" }
            let finished = Flag()
            let importing = Task {
                let admin = CallLoopFixture.at("2026-11-23T09:00:00Z", database, callSettings: settings)
                let answer = await admin.run(ImportFixture.importing("client import --update", rows))
                await finished.set()
                return answer
            }
            let claims = try await ConcurrentClaims.run(managers, at: "2026-11-23T09:00:00Z", database, callSettings: settings, flag: finished)
            let answer = await importing.value
            #expect(answer[0].last == "OK import=1 read=\(listed.count) inserted=0 updated=\(listed.count) skipped=0 rejected=0 do_not_call=\(listed.count)")
            #expect(!claims.contains { $0.afterFlag && listed.contains($0.client) }, "no listed client is handed out after the import committed")
            #expect(Set(claims.map(\.client)).count == claims.count, "each client claimed once")
            #expect(
                try await ImportFixture.count(
                    database,
                    """
                    SELECT count(*)::int FROM task WHERE state = 'pending' AND client_id IN (SELECT client_id FROM dnc_listing)
                    """) == 0)
        }
    }
}
