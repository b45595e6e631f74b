import CallsheetDomain
import CallsheetServices
import Foundation

/// `next`, `outcome`, `callback`, `release`, `agenda`: the call loop (docs/domain.md#next-call).
///
/// A manager's session acts for the manager its OS user maps to (`calls.manager_accounts`,
/// default the same name) and may not act for anyone else; an administrator names the
/// manager with `--as LOGIN`. Viewers cannot take calls.
public enum CallCommands {
    public static let all: [ConsoleCommand] = [next, outcome, callback, release, agenda]

    static let next = ConsoleCommand(
        "next", usage: "next [--campaign C] [--as LOGIN]",
        summary: "claim your next call (call-backs, then follow-ups, then new clients; inside calling hours)", useCase: .next, changesState: true
    ) { context in
        let campaign = try context.arguments.option("campaign")
        let login = try context.actingManager()
        try context.arguments.finish()
        let claim = try await context.explainingOwnLogin { try await context.services().calls.next(for: login, campaign: campaign, as: context.caller) }
        let (sheet, nextDue) = (claim.sheet, claim.nextDue)
        guard let sheet else {
            return ConsoleResponse(status: [("task", .string("none")), ("next_due", .string(nextDue.map(ConsoleValue.timestamp) ?? "none"))])
        }
        let t = sheet.task, c = sheet.client
        let card: [(String, ConsoleValue)] = [
            ("campaign", .string(t.campaign)), ("step", .string(t.step)), ("attempt", .int(t.attempt)),
            ("due", .string(t.dueAt.map(ConsoleValue.timestamp) ?? t.dueOn.description)), ("origin", .string(t.origin + (t.personal ? " (personal)" : ""))),
            ("client", .string("#\(c.id) \(c.name)")), ("contact", c.contact.map { .string($0) } ?? .null),
            ("phone", .array(c.phones.map { .string($0.e164 + ($0.extensionDigits.map { " ext \($0)" } ?? "")) })),
            ("timezone", c.timeZone.map { .string($0) } ?? .null), ("segment", .string(c.segment)), ("importance", .int(c.importance)),
            ("notes", c.notes.map { .string($0) } ?? .null), ("hint", .string(sheet.hint)),
            ("outcomes", .string(sheet.outcomes.joined(separator: " "))),
            ("amounts", .string(sheet.amounts.isEmpty ? "none" : sheet.amounts.map { "\($0.outcome) \($0.total)" }.joined(separator: ", "))),
            ("lease_until", .string(t.leaseUntil.map(ConsoleValue.timestamp) ?? "-")), ("resumed", .bool(sheet.resumed)),
        ]
        let lastCalls = BodyList(
            "last_calls", columns: ["when", "campaign", "manager", "step", "outcome", "amount", "note"],
            rows: sheet.lastCalls.map {
                [
                    .string(ConsoleValue.timestamp($0.finishedAt)), .string($0.campaign), .string($0.manager),
                    .string($0.step), .string($0.outcome), $0.amount.map { .string($0) } ?? .null,
                    $0.note.map { .string($0) } ?? .null,
                ]
            })
        return ConsoleResponse(status: [("task", .int(t.id)), ("client", .int(c.id)), ("step", .string(t.step))], body: .card(card, lists: [lastCalls]))
    }

    static let outcome = ConsoleCommand(
        "outcome", usage: "outcome TASK OUTCOME [--note TEXT] [--amount X] [--at TIME [--team]] [--reason R] [--request-id ID] [--as LOGIN]",
        summary: "record what came of a call you hold; the case moves on and its next call is scheduled", useCase: .recordOutcome, changesState: true
    ) { context in
        let task = try taskID(context.arguments.required("a TASK id"))
        let name = try context.arguments.required("an OUTCOME (see the outcomes next printed)")
        let input = CallService.OutcomeInput(
            outcome: name, note: try context.arguments.option("note"), amount: try context.arguments.option("amount"),
            at: try context.arguments.option("at"), reason: try context.arguments.option("reason"), requestID: try context.arguments.option("request-id"),
            forTeam: context.arguments.flag("team"))
        let login = try context.actingManager()
        try context.arguments.finish()
        return response(try await context.explainingOwnLogin { try await context.services().calls.recordOutcome(task: task, input, for: login, as: context.caller) })
    }

    static let callback = ConsoleCommand(
        "callback", usage: "callback TASK --at TIME [--team] [--note TEXT] [--as LOGIN]",
        summary: "a call-back at TIME (14:30, 2026-11-24 10:00, +2h) in your time zone: yours, or with --team any teammate's once due", useCase: .recordOutcome, changesState: true
    ) { context in
        let task = try taskID(context.arguments.required("a TASK id"))
        guard let at = try context.arguments.option("at") else { throw ConsoleError.syntax("'callback' needs --at TIME (\(ConsoleTime.forms))") }
        let input = CallService.OutcomeInput(
            outcome: CallService.callbackOutcome, note: try context.arguments.option("note"), at: at,
            requestID: try context.arguments.option("request-id"), forTeam: context.arguments.flag("team"))
        let login = try context.actingManager()
        try context.arguments.finish()
        return response(try await context.explainingOwnLogin { try await context.services().calls.recordOutcome(task: task, input, for: login, as: context.caller) })
    }

    static let release = ConsoleCommand(
        "release", usage: "release TASK [--reason TEXT] [--as LOGIN]",
        summary: "give a call back without an outcome (the reason goes to the client's history)", useCase: .release, changesState: true
    ) { context in
        let task = try taskID(context.arguments.required("a TASK id"))
        let reason = try context.arguments.option("reason")
        let login = try context.actingManager()
        try context.arguments.finish()
        try await context.explainingOwnLogin { try await context.services().calls.release(task: task, reason: reason, for: login, as: context.caller) }
        return ConsoleResponse(status: [("task", .int(task)), ("released", .bool(true))])
    }

    static let agenda = ConsoleCommand(
        "agenda", usage: "agenda [--manager M] [--date YYYY-MM-DD]",
        summary: "calls due today, overdue ones, and the ones forgotten yesterday or last week", useCase: .agenda
    ) { context in
        let login = try context.arguments.option("manager")
        let date = try context.arguments.dateOption("date")
        try context.arguments.finish()
        let agenda = try await context.explainingOwnLogin { try await context.services().calls.agenda(for: login, date: date, as: context.caller) }
        let (day, entries) = (agenda.day, agenda.entries)
        let rows: [[ConsoleValue]] = entries.map { e in
            let late = e.dueOn.dayNumber < day.dayNumber
            let when = !late ? "today" : e.dueOn.dayNumber == day.dayNumber - 1 ? "forgotten yesterday" : "overdue since \(e.dueOn)"
            return [
                .string(e.manager), .string(when), .int(e.taskID), .string(e.campaign), .int(e.clientID), .string(e.clientName),
                .string(e.step), .string(e.origin), .string(e.dueAt.map(ConsoleValue.timestamp) ?? e.dueOn.description),
            ]
        }
        let overdue = entries.filter { $0.dueOn.dayNumber < day.dayNumber }.count
        return ConsoleResponse(
            status: [("date", .string(day.description)), ("due", .int(entries.count - overdue)), ("overdue", .int(overdue))],
            body: .table(columns: ["manager", "when", "task", "campaign", "client", "name", "step", "origin", "due"], rows: rows)
        )
    }

    static func response(_ r: CallService.OutcomeResult) -> ConsoleResponse {
        var status: [(String, ConsoleValue)] = [("task", .int(r.taskID)), ("outcome", .string(r.outcome))]
        if r.replayed {
            status.append(("replayed", .bool(true)))
            return ConsoleResponse(status: status)
        }
        status.append(("case", .string(r.caseState)))
        if let next = r.nextTaskID { status.append(("next_task", .int(next))) }
        if let step = r.nextStep { status.append(("next_step", .string(step))) }
        if let due = r.nextDue { status.append(("next_due", .string(due.description))) }
        return ConsoleResponse(status: status)
    }

    static func taskID(_ text: String) throws(ConsoleError) -> Int {
        guard let id = Int(text), id > 0 else { throw ConsoleError(.invalid, "\"\(text)\" is not a task id (next prints it as task=ID)") }
        return id
    }
}

extension CommandContext {
    /// The manager named with `--as` for a call-loop command. An administrator must name
    /// one (a syntax matter of the console's words); whether the caller may act for them
    /// is the services' rule (`Authorization.actingManager`): a manager only for themself.
    mutating func actingManager() throws(ConsoleError) -> String? {
        let named = try arguments.option("as")
        if peer.role == .admin, named == nil {
            throw ConsoleError.syntax("'\(arguments.command)' as an administrator needs --as LOGIN (the manager you act for)")
        }
        return named
    }
}

extension CommandContext {
    /// The manager a manager's session works as: its OS user mapped by
    /// `calls.manager_accounts` (by default the same name).
    func ownManagerLogin() throws(ConsoleError) -> String {
        try services().calls.settings.managerLogin(forOSUser: peer.userName ?? String(peer.uid))
    }

    /// Runs a call-loop use case. In a manager's own session the login comes from the OS
    /// user (`calls.manager_accounts`, by default the same name), so a missing manager is
    /// nearly always a missing mapping or manager card: the error says both.
    /// (`no manager 'LOGIN'` is what the call services say when the login has no card.)
    func explainingOwnLogin<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ServiceError {
            guard peer.role == .manager, let login = caller.manager, error.code == .notFound, error.message == "no manager '\(login)'" else { throw error }
            let user = peer.userName ?? "uid \(peer.uid)"
            throw ServiceError(
                .notFound,
                "\(error.message): your OS user '\(user)' works as manager '\(login)' (calls.manager_accounts, "
                    + "by default the same name); an administrator adds it (manager add \(login) --name NAME --team LOGIN) "
                    + "or maps '\(user)' to your manager login in calls.manager_accounts")
        }
    }
}
