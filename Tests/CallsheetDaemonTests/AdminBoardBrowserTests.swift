import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The administrator's board in a real browser against a real daemon and database
/// (`Tests/Browser/admin_board.py`): a manager gets the 403 page; the administrator sees
/// the week's funnel (SVG and table), the daily tracking and the key questions, and the
/// funnel changes by itself when a manager records an outcome in another browser; the
/// managers compared with best marked only where figures differ; the week's workbook
/// downloaded with the session and read back sheet by sheet; a viewer sees the board with
/// nothing to change. Screenshots at 1280 px in `.build/artefacts/browser/`.
@Suite struct AdminBoardBrowserTests {
    @Test func anAdministratorWatchesTheWeekOnTheBoard() async throws {
        try await DaemonFixture.withSeededDaemon() { seeded in
            let (daemon, port) = (seeded.daemon, seeded.port)
            #expect(try await DaemonHarness.run("viewer add vera --name Vera", on: daemon).isOK)
            for login in ["anna", "bart", "ewa", "vera"] {
                #expect(try await WebAccountTests.setPassword(login, WebAccountTests.password, on: daemon).isOK, "password for \(login)")
            }
            let result = try await BrowserRunner.run("admin_board.py", ["--base", "http://127.0.0.1:\(port)", "--password", WebAccountTests.password])
            #expect(result.succeeded, "\(result.output)\n--- daemon log ---\n\(daemon.log().suffix(3_000))")
            for shot in ["board-1280.png", "managers-1280.png"] {
                #expect(FileManager.default.fileExists(atPath: BrowserRunner.artefacts + "/" + shot), "screenshot \(shot)")
            }
        }
    }
}
