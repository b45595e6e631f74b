import CallsheetDomain
import CallsheetServices

/// `mail preview|outbox`: the daily e-mail as it would go out, and what the outbox did with
/// the messages (issue 23; sending is the daemon's `MailScheduler`).
public enum MailCommands {
    public static let all: [ConsoleCommand] = [preview, outbox]

    static let preview = ConsoleCommand(
        "mail preview", usage: "mail preview LOGIN [--date YYYY-MM-DD]",
        summary: "the morning e-mail a manager would get: their agenda of the day, as text and HTML", useCase: .previewMail
    ) { context in
        let login = try context.arguments.required("a manager's LOGIN")
        let date = try context.arguments.dateOption("date")
        try context.arguments.finish()
        let preview = try await context.services().mail.preview(login: login, date: date, as: context.caller)
        return ConsoleResponse(
            status: [
                ("to", .string(preview.address ?? "none")), ("day", .string(preview.day.description)), ("calls", .int(preview.calls)),
                ("subject", .string(preview.message.subject)),
            ],
            body: .lines(preview.message.rendered().components(separatedBy: "\r\n")))
    }

    static let outbox = ConsoleCommand(
        "mail outbox", usage: "mail outbox [--failed] [--limit N]",
        summary: "the newest messages of the outbox: to whom, state, attempts, the relay's last answer", useCase: .listMail
    ) { context in
        let failed = context.arguments.flag("failed")
        let limit = try context.arguments.intOption("limit", in: 1...10_000) ?? 50
        try context.arguments.finish()
        let messages = try await context.services().mail.outbox(failedOnly: failed, limit: limit, as: context.caller)
        let rows: [[ConsoleValue]] = messages.map {
            [
                .int($0.id), .string($0.kind), .string($0.login ?? "-"), .string($0.address), .string($0.day?.description ?? "-"), .string($0.state),
                .int($0.attempts), .string($0.sentAt.map(ConsoleValue.timestamp) ?? "-"), .string($0.lastError ?? "-"),
            ]
        }
        return ConsoleResponse(
            status: [("messages", .int(messages.count))],
            body: .table(columns: ["id", "kind", "login", "address", "day", "state", "attempts", "sent", "last_answer"], rows: rows))
    }
}
