import CallsheetDomain
import CallsheetServices

/// `mail preview|send|test|outbox`: the daily e-mail as it would go out, one sent now, a
/// check of the relay, and what the outbox did with the messages (issue 23; the morning
/// sending is the daemon's `MailScheduler`).
public enum MailCommands {
    public static let all: [ConsoleCommand] = [preview, send, test, outbox]

    static let preview = ConsoleCommand(
        "mail preview", usage: "mail preview LOGIN [--date YYYY-MM-DD]",
        summary: "the morning e-mail a manager (their agenda of the day) or an administrator (yesterday's figures) would get", useCase: .previewMail
    ) { context in
        let login = try context.arguments.required("a manager's LOGIN")
        let date = try context.arguments.dateOption("date")
        try context.arguments.finish()
        let preview = try await context.services().mail.preview(login: login, date: date, as: context.caller)
        return ConsoleResponse(
            status: [
                ("kind", .string(preview.kind)), ("to", .string(preview.address ?? "none")), ("day", .string(preview.day.description)),
                ("calls", .int(preview.calls)), ("empty", .bool(preview.isEmpty)),
                ("subject", .string(preview.message.subject)),
            ],
            body: .lines(preview.message.rendered().components(separatedBy: "\r\n")))
    }

    static let send = ConsoleCommand(
        "mail send", usage: "mail send LOGIN", summary: "send a manager's or administrator's morning e-mail of today now, and show the relay's answer",
        useCase: .sendMail, changesState: true
    ) { context in
        let login = try context.arguments.required("a manager's or administrator's LOGIN")
        try context.arguments.finish()
        let sent = try await context.services().mail.sendNow(login: login, as: context.caller)
        let status: [(String, ConsoleValue)] = [
            ("outbox", .int(sent.outboxID)), ("to", .string(sent.address)), ("subject", .string(sent.subject)),
        ]
        switch sent.delivery {
        case .accepted(let reply): return ConsoleResponse(status: status + [("state", .string("sent")), ("answer", .string(reply))])
        case .temporary(let reason): return ConsoleResponse(status: status + [("state", .string("pending")), ("answer", .string(reason))])
        case .permanent(let reason): throw ConsoleError.conflict("the relay refused the message to \(sent.address) (outbox \(sent.outboxID), marked failed): \(reason)")
        }
    }

    static let test = ConsoleCommand(
        "mail test", usage: "mail test ADDRESS", summary: "send a test message through the configured relay and print the conversation",
        useCase: .sendMail, changesState: true
    ) { context in
        let address = try context.arguments.required("an ADDRESS")
        try context.arguments.finish()
        let conversation = try await context.services().mail.test(address: address, as: context.caller)
        let lines = conversation.transcript
        switch conversation.delivery {
        case .accepted(let reply): return ConsoleResponse(status: [("to", .string(address)), ("answer", .string(reply))], body: .lines(lines))
        case .temporary(let reason), .permanent(let reason):
            throw ConsoleError(.unavailable, "the relay did not take the test message: \(reason)", details: lines)
        }
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
