import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The manager's screen in a real browser against a real daemon and database
/// (`Tests/Browser/manager_screen.py`): sign-in, next call and outcome in two keys, what
/// happens next, a call-back found on the agenda, do-not-call never seen again, another
/// manager's task refused, two managers never sharing a client, the lease warning, the
/// page in Russian, labels and contrast, and screenshots at 360 and 1280 px kept in
/// `.build/artefacts/browser/`.
@Suite struct ManagerScreenBrowserTests {
    @Test func aManagerWorksTheirDayInTheBrowser() async throws {
        try await DaemonFixture.withSeededDaemon(config: DaemonFixture.config() + "calls:\n  lease_minutes: 1\n") { seeded in
            let (daemon, url, port) = (seeded.daemon, seeded.url, seeded.port)
            // Every client gets a phone number, a contact person and an e-mail, as the
            // spreadsheet's rows have.
            try await TestDatabase.withPool(url: url) { database in
                try await database.withTransaction { connection in
                    try await connection.query(
                        """
                        INSERT INTO client_phone (client_id, position, e164, raw, country)
                        SELECT id, 0, '+4860' || lpad(id::text, 7, '0'), '60 ' || lpad(id::text, 7, '0'), 'PL' FROM client
                        """, logger: database.logger)
                    try await connection.query(
                        "UPDATE client SET contact = 'Jan Kowalski', email = 'office' || id || '@example.com', notes = 'Prefers mornings.'", logger: database.logger)
                }
            }
            for login in ["anna", "bart"] {
                #expect(try await WebAccountTests.setPassword(login, WebAccountTests.password, on: daemon).isOK)
            }
            let token = try #require(try await DaemonHarness.run("token create ewa --name browser-test", on: daemon).field("token"))
            let result = try await BrowserRunner.run(
                "manager_screen.py", ["--base", "http://127.0.0.1:\(port)", "--password", WebAccountTests.password, "--admin-token", token])
            #expect(result.succeeded, "\(result.output)\n--- daemon log ---\n\(daemon.log().suffix(3_000))")
            for shot in ["call-sheet-360.png", "call-sheet-1280.png", "agenda-1280.png", "call-ru-1280.png"] {
                #expect(FileManager.default.fileExists(atPath: BrowserRunner.artefacts + "/" + shot), "screenshot \(shot)")
            }
        }
    }
}
