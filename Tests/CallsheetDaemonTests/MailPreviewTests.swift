import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The daily e-mail's content through a real daemon: a manager's morning message lists
/// exactly their agenda of the day (issue 23's "done when"), and addresses are checked.
@Suite struct MailPreviewTests {
    @Test func theMorningMailIsTheAgenda() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let config = DaemonFixture.config() + "mail:\n  from: calls@example.com\n  reply_to: office@example.com\n"
        let daemon = try DaemonProcess(stateDirectory: scratch + "/d", databaseURL: url.redacted, configYAML: config)
        try await daemon.waitUntilReady()
        try await DaemonFixture.seed(url, through: daemon)
        let thisWeek = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400)))
        #expect(try await DaemonHarness.run("wave open seminar --week \(thisWeek)", on: daemon).isOK)

        let bad = try await DaemonHarness.run("manager edit anna --email \"Anna <anna@example.com>\"", on: daemon)
        #expect(bad.errorCode == "INVALID" && bad.status.contains("bare address"), "\(bad.status)")
        let edited = try await DaemonHarness.run("manager edit anna --email anna@example.com", on: daemon)
        #expect(edited.isOK && edited.body.contains { $0.contains("anna@example.com") }, "the card shows it: \(edited.body)")
        #expect(try await DaemonHarness.run("manager add zoe --name Zoe --team ewa --email zoe@nowhere", on: daemon).errorCode == "INVALID")

        for day in [thisWeek.monday, thisWeek.monday.adding(days: 2)] {
            let agenda = try await DaemonHarness.run("agenda --manager anna --date \(day)", on: daemon)
            let preview = try await DaemonHarness.run("mail preview anna --date \(day)", on: daemon)
            #expect(preview.isOK, "\(preview.status)")
            #expect(preview.field("to") == "anna@example.com" && preview.field("day") == day.description)
            let due = (Int(agenda.field("due") ?? "") ?? -1) + (Int(agenda.field("overdue") ?? "") ?? -1)
            #expect(preview.field("calls") == String(due), "the mail lists exactly the agenda: \(agenda.status) vs \(preview.status)")
            let message = preview.body.joined(separator: "\n")
            #expect(message.contains("Reply-To: office@example.com") && message.contains("From: \"Callsheet\" <calls@example.com>"), "\(message.prefix(600))")
            #expect(message.contains("Content-Type: multipart/alternative"))
            for row in agenda.rows.prefix(5) {
                #expect(message.contains("#\(row["client"] ?? "?")"), "client \(row["client"] ?? "?") of the agenda is in the mail")
            }
        }
        #expect(try await DaemonHarness.run("mail preview nobody", on: daemon).errorCode == "NOT_FOUND")
        #expect(try await daemon.stop() == 0)
        await TestCluster.shared.drop(url)
    }
}
