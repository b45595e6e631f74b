import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The daily e-mail through real daemons and a real SMTP server: the console's `mail
/// test` and `mail send` over STARTTLS with AUTH (password from a file), addresses of
/// administrators and viewers, and two daemons with their schedulers on one database
/// sending each morning message once.
@Suite struct MailDaemonTests {
    @Test func theConsoleSendsThroughARelayWithStartTLSAndAuth() async throws {
        let relay = try await SMTPRelay.start(tls: true, auth: ("callsheet", "relay pass 1"))
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try "relay pass 1\n".write(toFile: scratch + "/smtp-password", atomically: true, encoding: .utf8)
        let config =
            DaemonFixture.config() + """
                mail:
                  from: calls@example.com
                  from_name: Biuro sprzedaży
                  smtp:
                    host: localhost
                    port: \(relay.port)
                    security: starttls
                    username: callsheet
                    password_file: \(scratch)/smtp-password
                    ca_file: \(relay.certificate!)
                    command_timeout_seconds: 20

                """
        let daemon = try DaemonProcess(stateDirectory: scratch + "/d", databaseURL: url.redacted, configYAML: config)
        try await daemon.waitUntilReady()
        try await DaemonFixture.seed(url, through: daemon)
        let thisWeek = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400)))
        #expect(try await DaemonHarness.run("wave open seminar --week \(thisWeek)", on: daemon).isOK)

        let test = try await DaemonHarness.run("mail test ops@example.com", on: daemon)
        #expect(test.isOK && test.field("answer")?.hasPrefix("250 ") == true, "\(test.status) \(test.body)")
        #expect(test.body.contains("TLS started") && test.body.contains("C: AUTH PLAIN (credentials of callsheet)"), "\(test.body)")
        #expect(!test.body.joined().contains("relay pass"), "the password is never shown")

        #expect(try await DaemonHarness.run("mail send bart", on: daemon).errorCode == "INVALID", "bart has no address")
        #expect(try await DaemonHarness.run("mail send nobody", on: daemon).errorCode == "NOT_FOUND")
        #expect(try await DaemonHarness.run("manager edit anna --email anna@example.com", on: daemon).isOK)
        let sent = try await DaemonHarness.run("mail send anna", on: daemon)
        #expect(sent.isOK && sent.field("state") == "sent" && sent.field("to") == "anna@example.com", "\(sent.status)")

        #expect(try await DaemonHarness.run("admin edit ewa --email nope", on: daemon).errorCode == "INVALID")
        #expect(try await DaemonHarness.run("admin edit ewa --email ewa@example.com", on: daemon).isOK)
        #expect(try await DaemonHarness.run("admin show ewa", on: daemon).body.contains { $0.contains("ewa@example.com") })
        let admin = try await DaemonHarness.run("mail send ewa", on: daemon)
        #expect(admin.isOK && admin.field("subject")?.hasPrefix("Your team on ") == true, "\(admin.status)")
        #expect(try await DaemonHarness.run("viewer add dora --name Dora --email dora@example.com", on: daemon).isOK)
        #expect(try await DaemonHarness.run("viewer list", on: daemon).body.contains { $0.contains("dora@example.com") })
        #expect(try await DaemonHarness.run("viewer edit dora --email -", on: daemon).field("email") == "-")

        let received = try await relay.messages()
        #expect(received.map(\.rcptTo).sorted() == ["anna@example.com", "ewa@example.com", "ops@example.com"], "\(received.map(\.rcptTo))")
        #expect(received.allSatisfy { $0.tls == "yes" && $0.auth == "callsheet" && $0.from == "Biuro sprzedaży <calls@example.com>" })
        let outbox = try await DaemonHarness.run("mail outbox", on: daemon)
        #expect(Set(outbox.rows.map { $0["kind"] ?? "" }) == ["manual", "test"] && outbox.rows.allSatisfy { $0["state"] == "sent" }, "\(outbox.rows)")

        #expect(try await daemon.stop() == 0)
        await relay.remove()
        await TestCluster.shared.drop(url)
    }

    @Test func twoDaemonsSendEachMorningMessageOnce() async throws {
        let relay = try await SMTPRelay.start()
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Every day is a mail day and the hour has always come, so the test does not
        // depend on when it runs; empty days are sent too.
        let config =
            DaemonFixture.config() + """
                mail:
                  from: calls@example.com
                  days: [mon, tue, wed, thu, fri, sat, sun]
                  manager_time: "00:00"
                  admin_time: "00:00"
                  send_empty: true
                  interval_seconds: 1
                  smtp:
                    host: 127.0.0.1
                    port: \(relay.port)
                    security: none

                """
        let first = try DaemonProcess(stateDirectory: scratch + "/a", databaseURL: url.redacted, configYAML: config)
        try await first.waitUntilReady()
        try await DaemonFixture.seed(url, through: first)
        let second = try DaemonProcess(stateDirectory: scratch + "/b", databaseURL: url.redacted, configYAML: config)
        try await second.waitUntilReady()
        for line in ["manager edit anna --email anna@example.com", "manager edit bart --email bart@example.com", "admin edit ewa --email ewa@example.com"] {
            #expect(try await DaemonHarness.run(line, on: second).isOK, "\(line)")
        }
        let arrived = try await relay.waitForMessages(3)
        try await Task.sleep(for: .seconds(3))
        let settled = try await relay.messages()
        #expect(arrived.count == 3 && settled.count == 3, "each once: \(settled.map(\.rcptTo))")
        #expect(settled.map(\.rcptTo).sorted() == ["anna@example.com", "bart@example.com", "ewa@example.com"])
        let outbox = try await DaemonHarness.run("mail outbox", on: first)
        #expect(outbox.rows.count == 3 && outbox.rows.allSatisfy { $0["state"] == "sent" && $0["attempts"] == "1" }, "\(outbox.rows)")
        #expect(try await first.stop() == 0)
        #expect(try await second.stop() == 0)
        await relay.remove()
        await TestCluster.shared.drop(url)
    }
}
