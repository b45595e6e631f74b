import CallsheetDomain
import CallsheetServices

/// `mail preview`: the daily e-mail as it would go out (issue 23). Sending, the outbox and
/// the relay check come with the outbox.
public enum MailCommands {
    public static let all: [ConsoleCommand] = [preview]

    static let preview = ConsoleCommand(
        "mail preview", usage: "mail preview LOGIN [--date YYYY-MM-DD]",
        summary: "the morning e-mail a manager would get: their agenda of the day, as text and HTML", useCase: .previewMail
    ) { context in
        let login = try context.arguments.required("a manager's LOGIN")
        let dateText = try context.arguments.option("date")
        try context.arguments.finish()
        var date: LocalDate?
        if let dateText {
            guard let parsed = LocalDate(iso: dateText) else { throw ConsoleError(.invalid, "--date \"\(dateText)\" is not a date like 2026-11-24") }
            date = parsed
        }
        let preview = try await context.services().mail.preview(login: login, date: date, as: context.caller)
        return ConsoleResponse(
            status: [
                ("to", .string(preview.address ?? "none")), ("day", .string(preview.day.description)), ("calls", .int(preview.calls)),
                ("subject", .string(preview.message.subject)),
            ],
            body: .lines(preview.message.rendered().components(separatedBy: "\r\n")))
    }
}
