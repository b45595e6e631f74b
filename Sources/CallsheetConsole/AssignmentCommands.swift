import CallsheetServices

/// `assign`, `reassign`, `unassign`: changing managers' lists mid-week.
public enum AssignmentCommands {
    public static let all: [ConsoleCommand] = [assign, reassign, unassign]

    static let assign = ConsoleCommand(
        "assign", usage: "assign CLIENT MANAGER --campaign C",
        summary: "put a client on a manager's list now (first step due today at the earliest)", useCase: .assign, changesState: true
    ) { context in
        let client = try clientID(context.arguments.required("a CLIENT id"))
        let manager = try context.arguments.required("a MANAGER login")
        let campaign = try context.arguments.option("campaign")
        try context.arguments.finish()
        guard let campaign else { throw ConsoleError.syntax("'assign' needs --campaign NAME") }
        let assignment = try await context.services().assignments.assign(client: client, to: manager, campaign: campaign, as: context.caller)
        let (caseID, due) = (assignment.caseID, assignment.dueOn)
        return ConsoleResponse(status: [("case", .int(caseID)), ("client", .int(client)), ("manager", .string(manager)), ("due", .string(due.description))])
    }

    static let reassign = ConsoleCommand(
        "reassign", usage: "reassign --from M1 --to M2 [--campaign C] [--clients ID,...]",
        summary: "move open cases and their pending calls from one manager to another (leave, sickness)", useCase: .reassign, changesState: true
    ) { context in
        let from = try context.arguments.option("from")
        let to = try context.arguments.option("to")
        let campaign = try context.arguments.option("campaign")
        let clients = try context.arguments.option("clients").map { text throws(ConsoleError) in try CampaignCommands.clientIDs(text) } ?? []
        try context.arguments.finish()
        guard let from, let to else { throw ConsoleError.syntax("'reassign' needs --from LOGIN and --to LOGIN") }
        let moved = try await context.services().assignments.reassign(from: from, to: to, campaign: campaign, clients: clients, as: context.caller)
        return ConsoleResponse(status: [("from", .string(from)), ("to", .string(to)), ("moved", .int(moved))])
    }

    static let unassign = ConsoleCommand(
        "unassign", usage: "unassign CLIENT --campaign C",
        summary: "take a client off their manager's list (the open case and its pending calls are cancelled)", useCase: .unassign, changesState: true
    ) { context in
        let client = try clientID(context.arguments.required("a CLIENT id"))
        let campaign = try context.arguments.option("campaign")
        try context.arguments.finish()
        guard let campaign else { throw ConsoleError.syntax("'unassign' needs --campaign NAME") }
        let manager = try await context.services().assignments.unassign(client: client, campaign: campaign, as: context.caller)
        return ConsoleResponse(status: [("client", .int(client)), ("manager", .string(manager)), ("unassigned", .bool(true))])
    }

    static func clientID(_ text: String) throws(ConsoleError) -> Int {
        guard let id = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw ConsoleError(.invalid, "\"\(text)\" is not a client id (a number, as client find shows)")
        }
        return id
    }
}
