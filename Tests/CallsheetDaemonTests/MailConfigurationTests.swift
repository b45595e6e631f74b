import CallsheetDomain
import Foundation
import Testing

@testable import CallsheetDaemon

/// `mail:` in the config: the relay, times and days; every wrong value named with file,
/// line and key, and no setting that would send a password in clear.
@Suite struct MailConfigurationTests {
    static func parse(_ yaml: String) throws(ConfigurationError) -> DaemonConfiguration {
        try DaemonConfiguration.parse(yaml: yaml, file: "test.yaml")
    }

    @Test func theRelayAndTheTimesAreRead() throws {
        let dir = NSTemporaryDirectory() + "mail-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "from a file\n".write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        let config = try Self.parse(
            """
            mail:
              from: calls@example.com
              manager_time: "07:45"
              admin_time: "06:05"
              days: [monday, Tue, wed]
              smtp: {host: smtp.example.com, username: calls, password_file: \(dir)/pw, command_timeout_seconds: 30}
            """)
        #expect(config.mail.managerMinute == 7 * 60 + 45 && config.mail.adminMinute == 6 * 60 + 5)
        #expect(config.mail.workingDays == [.monday, .tuesday, .wednesday])
        let smtp = try #require(config.smtp)
        #expect(smtp.host == "smtp.example.com" && smtp.port == 587 && smtp.security == .starttls && smtp.password == "from a file")
        #expect(smtp.commandTimeoutSeconds == 30 && smtp.connectTimeoutSeconds == 10)
        #expect(try Self.parse("mail: {smtp: {host: relay, security: tls}}").smtp?.port == 465)
        #expect(try Self.parse("mail: {smtp: {host: relay, security: none}}").smtp?.port == 25)
        #expect(try Self.parse("mail: {from: a@example.com}").mail.workingDays.count == 5, "Monday to Friday by default")
    }

    @Test func wrongValuesAreNamed() {
        #expect(throws: ConfigurationError("test.yaml:1: mail.manager_time \"7.30\" is not a time like 07:30")) { try Self.parse("mail: {manager_time: \"7.30\"}") }
        #expect(throws: ConfigurationError("test.yaml:1: mail.admin_time \"24:00\" is not a time like 07:30")) { try Self.parse("mail: {admin_time: \"24:00\"}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("mail: {from: \"Calls <calls@example.com>\"}") }
        #expect(throws: ConfigurationError("test.yaml:1: mail.days: \"someday\" is not a weekday (monday … sunday, or mon … sun)")) {
            try Self.parse("mail: {days: [mon, someday]}")
        }
        #expect(throws: ConfigurationError("test.yaml:1: mail.smtp: host is missing (the relay's name, such as smtp.example.com)")) {
            try Self.parse("mail: {smtp: {port: 25}}")
        }
        #expect(throws: ConfigurationError("test.yaml:1: mail.smtp.security \"ssl\" is not one of starttls, tls, none")) {
            try Self.parse("mail: {smtp: {host: relay, security: ssl}}")
        }
        #expect(throws: ConfigurationError("test.yaml:1: mail.smtp: a username needs security starttls or tls (the password would cross the network in clear)")) {
            try Self.parse("mail: {smtp: {host: relay, security: none, username: u, password: p}}")
        }
        #expect(throws: ConfigurationError("test.yaml:1: mail: give mail.smtp or mail.sendmail, not both")) {
            try Self.parse("mail: {sendmail: /usr/sbin/sendmail, smtp: {host: relay}}")
        }
        #expect(throws: ConfigurationError.self) { try Self.parse("mail: {smtp: {host: relay, password_file: /nonexistent/pw, username: u}}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("mail: {smtp: {host: relay, ca_file: /nonexistent/ca.pem}}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("mail: {smtp: {host: relay, prot: 25}}") }
        #expect(throws: ConfigurationError.self) { try Self.parse("mail: {smtp: {host: relay, password: p}}") }
    }
}
