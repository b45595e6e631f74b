import CallsheetDomain
import CallsheetTestSupport
import Testing

/// The sheet's `status` column: black-list values list the client as do-not-call in the
/// import's transaction; other values become a `status:` tag.
@Suite struct ClientImportStatusTests {
    @Test func statusValuesAreReadAsDoNotCallOrATag() {
        #expect(ClientSheetStatus(" Black  List ") == .doNotCall("Black  List"))
        #expect(ClientSheetStatus("ЧЕРНЫЙ СПИСОК") == .doNotCall("ЧЕРНЫЙ СПИСОК"))
        #expect(ClientSheetStatus("dnc") == .doNotCall("dnc"))
        #expect(ClientSheetStatus("Call  back") == .tag("status:call back"))
        #expect(ClientSheetStatus("   ") == nil)
        #expect(ClientSheetStatus(nil) == nil)
    }

    @Test func blackListedRowsAreListedAndTheirPendingWorkCancelledOnUpdate() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let first = await console.run(ClientImportTests.importing("client import", try ClientImportTests.fixture("status.csv")) + [
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

            let update = await console.run(ClientImportTests.importing("client import --update", [
                "name,phone,status", "Beta,+48 600 100 002,blacklist", "Epsilon,+48 600 100 005,no answer", "Alfa,+48 600 100 001,black list",
            ]) + ["client show 5"])
            #expect(update[0] == ["OK import=2 read=3 inserted=0 updated=3 skipped=0 rejected=0 do_not_call=1"], "Alfa was listed already: \(update[0])")
            #expect(update[1].contains("tags:        status:no answer"), "the new status replaces the old one: \(update[1])")
            #expect(try await ClientImportTests.count(database, "SELECT count(*)::int FROM task WHERE client_id = 2 AND state = 'pending'") == 0)
            #expect(try await ClientImportTests.count(database, "SELECT count(*)::int FROM campaign_case WHERE client_id = 2 AND state = 'do-not-call'") == 1)
            #expect(try await ClientImportTests.count(database, "SELECT count(*)::int FROM task WHERE state = 'pending'") == 2)

            // Without --update a matched client is left alone, status included.
            let alone = await console.run(ClientImportTests.importing("client import", ["name,phone,status", "Gamma,+48 600 100 003,dnc"]))
            #expect(alone[0].last == "OK import=3 read=1 inserted=0 updated=0 skipped=1 rejected=0 do_not_call=0")
            #expect(try await ClientImportTests.count(database, "SELECT count(*)::int FROM dnc_listing WHERE client_id = 3") == 0)
        }
    }
}
