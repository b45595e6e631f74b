import CallsheetDomain
import CallsheetServices
import Foundation
import Yams

extension DaemonConfiguration {
    /// `mail:` — sender, times, retries, and one way to the relay: `smtp:` or `sendmail:`.
    static func readMail(_ node: Node, reader: ConfigReader, into config: inout DaemonConfiguration) throws(ConfigurationError) {
        let s = try reader.mapping(
            node, path: "mail",
            keys: ["from", "from_name", "reply_to", "manager_time", "admin_time", "days", "sendmail", "smtp", "send_empty", "retry_hours", "interval_seconds"])
        if let v = s["sendmail"], let path = try reader.string(v, path: "mail.sendmail"), !path.isEmpty { config.mail.sendmail = path }
        if let v = s["smtp"] { config.smtp = try readSMTP(v, reader: reader) }
        if config.smtp != nil, config.mail.sendmail != nil {
            throw ConfigurationError("\(reader.location(node, "mail")): give mail.smtp or mail.sendmail, not both")
        }
        if let v = s["send_empty"] { config.mail.sendEmpty = try reader.bool(v, path: "mail.send_empty") }
        if let v = s["retry_hours"] { config.mail.retryHours = try reader.int(v, path: "mail.retry_hours", in: 1...168) }
        if let v = s["interval_seconds"] { config.mail.intervalSeconds = try reader.int(v, path: "mail.interval_seconds", in: 1...3_600) }
        func address(_ key: String) throws(ConfigurationError) -> EmailAddress? {
            guard let v = s[key], let text = try reader.string(v, path: "mail.\(key)"), !text.isEmpty else { return nil }
            if let problem = EmailAddress.problem(with: text) { throw ConfigurationError("\(reader.location(v, "mail.\(key)")): \(problem)") }
            return EmailAddress(text)
        }
        config.mail.from = try address("from")
        config.mail.replyTo = try address("reply_to")
        if let v = s["from_name"], let name = try reader.string(v, path: "mail.from_name"), !name.isEmpty { config.mail.fromName = name }
        func time(_ key: String) throws(ConfigurationError) -> Int? {
            guard let v = s[key], let text = try reader.string(v, path: "mail.\(key)") else { return nil }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute) else {
                throw ConfigurationError("\(reader.location(v, "mail.\(key)")) \"\(text)\" is not a time like 07:30")
            }
            return hour * 60 + minute
        }
        if let v = s["days"] {
            var days = Set<Weekday>()
            for name in try reader.stringList(v, path: "mail.days") {
                guard let day = Weekday(name: name) else {
                    throw ConfigurationError("\(reader.location(v, "mail.days")): \"\(name)\" is not a weekday (monday … sunday, or mon … sun)")
                }
                days.insert(day)
            }
            guard !days.isEmpty else { throw ConfigurationError("\(reader.location(v, "mail.days")): no day given; leave the key out for Monday to Friday") }
            config.mail.workingDays = days
        }
        if let minute = try time("manager_time") { config.mail.managerMinute = minute }
        if let minute = try time("admin_time") { config.mail.adminMinute = minute }
    }

    private static func readSMTP(_ node: Node, reader: ConfigReader) throws(ConfigurationError) -> SMTPSettings {
        let s = try reader.mapping(
            node, path: "mail.smtp",
            keys: ["host", "port", "security", "username", "password", "password_file", "ca_file", "helo", "connect_timeout_seconds", "command_timeout_seconds"])
        guard let v = s["host"], let host = try reader.string(v, path: "mail.smtp.host"), !host.isEmpty else {
            throw ConfigurationError("\(reader.location(node, "mail.smtp")): host is missing (the relay's name, such as smtp.example.com)")
        }
        var security = SMTPSettings.Security.starttls
        if let v = s["security"], let text = try reader.string(v, path: "mail.smtp.security") {
            guard let parsed = SMTPSettings.Security(rawValue: text) else {
                throw ConfigurationError("\(reader.location(v, "mail.smtp.security")) \"\(text)\" is not one of starttls, tls, none")
            }
            security = parsed
        }
        let port = try s["port"].map { v throws(ConfigurationError) in try reader.int(v, path: "mail.smtp.port", in: 1...65535) }
        var smtp = SMTPSettings(host: host, port: port, security: security)
        if let v = s["username"] { smtp.username = try reader.string(v, path: "mail.smtp.username").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = s["password"] { smtp.password = try reader.string(v, path: "mail.smtp.password") }
        if let v = s["password_file"], let path = try reader.string(v, path: "mail.smtp.password_file") {
            guard smtp.password == nil else { throw ConfigurationError("\(reader.location(v, "mail.smtp.password_file")): give password or password_file, not both") }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError("\(reader.location(v, "mail.smtp.password_file")): cannot read \(path)")
            }
            var password = Substring(text)
            while password.last == "\n" || password.last == "\r" { password.removeLast() }
            smtp.password = String(password)
        }
        if smtp.username != nil, security == .none {
            throw ConfigurationError("\(reader.location(node, "mail.smtp")): a username needs security starttls or tls (the password would cross the network in clear)")
        }
        if smtp.password != nil, smtp.username == nil {
            throw ConfigurationError("\(reader.location(node, "mail.smtp")): a password without a username")
        }
        if let v = s["ca_file"] { smtp.caFile = try reader.string(v, path: "mail.smtp.ca_file").flatMap { $0.isEmpty ? nil : $0 } }
        if let path = smtp.caFile, !FileManager.default.isReadableFile(atPath: path) {
            throw ConfigurationError("mail.smtp.ca_file: cannot read \(path)")
        }
        if let v = s["helo"] { smtp.helo = try reader.string(v, path: "mail.smtp.helo").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = s["connect_timeout_seconds"] { smtp.connectTimeoutSeconds = try reader.int(v, path: "mail.smtp.connect_timeout_seconds", in: 1...600) }
        if let v = s["command_timeout_seconds"] { smtp.commandTimeoutSeconds = try reader.int(v, path: "mail.smtp.command_timeout_seconds", in: 1...3_600) }
        return smtp
    }
}
