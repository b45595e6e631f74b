import CallsheetDaemon
import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The week as one workbook (`export workbook` with `callsheetctl --out FILE.xlsx`, and the
/// API's download), read back with openpyxl: a Totals sheet and a sheet per manager,
/// numbers as numbers, dates as dates, the same figures as `report daily`.
@Suite struct WorkbookExportTests {
    struct Sheet: Decodable {
        var name: String
        /// Each cell: Python type, value as text, number format.
        var rows: [[[String]]]
    }

    @Test func theWeeksWorkbookOpensInARealReader() async throws {
        try await DaemonFixture.withSeededDaemon() { seeded in
            let (daemon, port, scratch, thisWeek) = (seeded.daemon, seeded.port, seeded.scratch, seeded.week)
            for _ in 0..<3 {
                let next = try await DaemonHarness.run("next --as anna", on: daemon)
                let task = try #require(next.field("task"), "\(next.status)")
                #expect(try await DaemonHarness.run("outcome \(task) no-answer --as anna", on: daemon).isOK)
            }
            let ctl = ((try DaemonProcess.executable()) as NSString).deletingLastPathComponent + "/callsheetctl"
            let file = scratch + "/week.xlsx"
            let written = try await ExternalProgram.run(
                ctl, ["--socket", daemon.socketPath, "export", "workbook", "--campaign", "seminar", "--week", "\(thisWeek)", "--out", file])
            #expect(written.succeeded && written.output.contains("wrote \(file)"), "\(written.output)")
            let read = try await BrowserRunner.run("read_workbook.py", [file], artefacts: false)
            #expect(read.succeeded, "\(read.output)")
            let sheets = try JSONDecoder().decode([Sheet].self, from: Data(read.output.utf8))
            #expect(sheets.map(\.name) == ["Totals", "anna", "bart"], "\(sheets.map(\.name))")

            let anna = try #require(sheets.first { $0.name == "anna" })
            let header = anna.rows[0].map { $0[1] }
            #expect(Array(header.prefix(4)) == ["Client", "Name", "Contact", "Phone"] && header.contains("Next due"), "\(header)")
            let calls = try #require(header.firstIndex(of: "Calls")), lastCall = try #require(header.firstIndex(of: "Last call"))
            #expect(anna.rows.count == 101, "anna's 100 clients and the header")
            #expect(anna.rows.dropFirst().allSatisfy { $0[0][0] == "int" && $0[calls][0] == "int" }, "client ids and call counts are numbers")
            let called = anna.rows.dropFirst().filter { $0[calls][1] == "1" }
            #expect(called.count == 3 && called.allSatisfy { $0[lastCall][0] == "datetime" }, "the three calls, with their time as a date: \(called.map { $0[lastCall] })")

            let totals = try #require(sheets.first { $0.name == "Totals" })
            let assigned = try #require(totals.rows.first { $0.first?[1] == "assigned" })
            #expect(assigned[1] == ["int", "300", "General"], "\(assigned)")
            let daily = try await DaemonHarness.run("report daily --campaign seminar --week \(thisWeek)", on: daemon)
            for row in daily.rows where row["calls"] != "0" {
                let line = try #require(totals.rows.first { $0.count > 2 && $0[0][1] == row["manager"] && $0[1][1].hasPrefix(row["day"] ?? "?") }, "\(row)")
                #expect(line[1][0] == "datetime" && line[2] == ["int", row["calls"] ?? "?", "General"], "the daily tracking as report daily: \(line) vs \(row)")
            }

            // The same file from the API, for the board's download button.
            let token = try #require(try await DaemonHarness.run("token create ewa --name workbook", on: daemon).field("token"))
            let download = try await ExternalProgram.run(
                "/usr/bin/curl",
                [
                    "-sS", "-o", scratch + "/api.xlsx", "-w", "%{http_code} %{content_type}", "-H", "Authorization: Bearer \(token)",
                    "http://127.0.0.1:\(port)/api/v1/reports/workbook?campaign=seminar&week=\(thisWeek)",
                ])
            #expect(download.output == "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "\(download.output)")
            #expect(try await BrowserRunner.run("read_workbook.py", [scratch + "/api.xlsx"], artefacts: false).succeeded)
            #expect(try await DaemonHarness.run("export workbook --campaign seminar --week 1999-W01", on: daemon).errorCode == "NOT_FOUND")
        }
    }
}
