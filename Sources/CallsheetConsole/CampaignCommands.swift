import CallsheetDomain
import CallsheetServices

/// `campaign …`: campaigns and their audiences (docs/domain.md#workflows).
public enum CampaignCommands {
    public static let all: [ConsoleCommand] = [create, list, show, pause, resume, close, set, addClients, removeClients]

    static let create = ConsoleCommand(
        "campaign create",
        usage: "campaign create NAME --workflow W --team LOGIN [--calling-hours 09:00-18:00] [--event-day friday] [--budget AMOUNT] [--holidays DATE,...] [--working-days mon-fri]",
        summary: "create a campaign from a workflow (its current version is kept with the campaign)", useCase: .createCampaign, changesState: true
    ) { context in
        let name = try context.arguments.required("a campaign NAME")
        guard let workflow = try context.arguments.option("workflow") else { throw ConsoleError.syntax("'campaign create' needs --workflow NAME (see: workflow list)") }
        guard let team = try context.arguments.option("team", alias: "admin") else { throw ConsoleError.syntax("'campaign create' needs --team LOGIN (whose team calls)") }
        let hours = try callingHours(context.arguments.option("calling-hours")) ?? CallingHours(start: 9 * 60, end: 18 * 60)!
        let eventDay = try weekday(context.arguments.option("event-day"), option: "event-day")
        let budget = try context.arguments.option("budget")
        let holidays = try dates(context.arguments.option("holidays"))
        let workingDays = try weekdays(context.arguments.option("working-days")) ?? BusinessCalendar().workingDays
        try context.arguments.finish()
        let campaign = try await context.services().campaigns.create(
            name: name, workflow: workflow, team: team, callingHours: hours, eventDay: eventDay, budget: budget, holidays: holidays,
            workingDays: workingDays, as: context.caller)
        return ConsoleResponse(status: [("campaign", .string(campaign.name)), ("id", .int(campaign.id))], body: card(campaign, waves: []))
    }

    static let list = ConsoleCommand("campaign list", summary: "campaigns with their state, audience and waves", useCase: .listCampaigns) { context in
        try context.arguments.finish()
        let campaigns = try await context.services().campaigns.campaigns(as: context.caller)
        return ConsoleResponse(
            status: [("campaigns", .int(campaigns.count))],
            body: .table(
                columns: ["id", "name", "team", "workflow", "state", "audience", "waves", "open_cases"],
                rows: campaigns.map {
                    [
                        .int($0.id), .string($0.name), .string($0.team), .string("\($0.workflow.name) v\($0.workflow.version)"), .string($0.state.rawValue),
                        .int($0.audience), .int($0.waves), .int($0.openCases),
                    ]
                })
        )
    }

    static let show = ConsoleCommand("campaign show", usage: "campaign show NAME", summary: "one campaign: settings, workflow steps, waves", useCase: .showCampaign) { context in
        let name = try context.arguments.required("a campaign NAME")
        try context.arguments.finish()
        let shown = try await context.services().campaigns.campaign(named: name, as: context.caller)
        let (campaign, waves) = (shown.campaign, shown.waves)
        return ConsoleResponse(status: [("campaign", .string(campaign.name)), ("state", .string(campaign.state.rawValue))], body: card(campaign, waves: waves))
    }

    static let pause = state("pause", to: .paused, summary: "stop opening waves and handing out calls (resume continues)")
    static let resume = state("resume", to: .active, summary: "let a paused campaign run again")
    static let close = state("close", to: .closed, summary: "end a campaign for good: open cases and pending tasks are cancelled")

    static func state(_ verb: String, to state: CampaignState, summary: String) -> ConsoleCommand {
        ConsoleCommand("campaign \(verb)", usage: "campaign \(verb) NAME", summary: summary, useCase: .changeCampaignState, changesState: true) { context in
            let name = try context.arguments.required("a campaign NAME")
            try context.arguments.finish()
            let change = try await context.services().campaigns.setState(name, to: state, as: context.caller)
            let (campaign, changed, cancelled) = (change.campaign, change.changed, change.cancelled)
            var status: [(String, ConsoleValue)] = [("campaign", .string(campaign.name)), ("state", .string(campaign.state.rawValue)), ("changed", .bool(changed))]
            if state == .closed { status.append(("cancelled", .int(cancelled))) }
            return ConsoleResponse(status: status)
        }
    }

    static let set = ConsoleCommand(
        "campaign set",
        usage:
            "campaign set NAME [--auto-wave WEEKDAY|off] [--calling-hours HH:MM-HH:MM] [--event-day WEEKDAY] [--budget AMOUNT] [--holidays DATE,...] [--working-days mon-fri] [--daily-cap N] [--lifetime-cap N]",
        summary: "change a campaign's settings (--auto-wave monday: the scheduler opens each week's wave)", useCase: .changeCampaign, changesState: true
    ) { context in
        let name = try context.arguments.required("a campaign NAME")
        var changes = CampaignChanges()
        if let text = try context.arguments.option("auto-wave") {
            changes.autoWave = text.lowercased() == "off" ? .some(nil) : .some(try weekday(text, option: "auto-wave"))
        }
        changes.callingHours = try callingHours(context.arguments.option("calling-hours"))
        changes.eventDay = try weekday(context.arguments.option("event-day"), option: "event-day")
        changes.budget = try context.arguments.option("budget")
        if let text = try context.arguments.option("holidays") { changes.holidays = try dates(text) }
        changes.workingDays = try weekdays(context.arguments.option("working-days"))
        changes.dailyCap = try context.arguments.intOption("daily-cap", in: 1...1000)
        changes.lifetimeCap = try context.arguments.intOption("lifetime-cap", in: 1...10_000)
        try context.arguments.finish()
        let campaign = try await context.services().campaigns.update(name, changes, as: context.caller)
        return ConsoleResponse(status: [("campaign", .string(campaign.name))], body: card(campaign, waves: nil))
    }

    static let addClients = ConsoleCommand(
        "campaign add-clients", usage: "campaign add-clients NAME (--import ID | --segment S | --tag T | --all | --clients ID,... | <<END client ids)",
        summary: "add clients to the campaign's audience (the next wave distributes them)", useCase: .addAudience, changesState: true, acceptsPayload: true
    ) { context in
        let name = try context.arguments.required("a campaign NAME")
        let selection = try await audience(&context, verb: "add-clients")
        let result = try await context.services().campaigns.addClients(name, selection, as: context.caller)
        let (added, present) = (result.added, result.present)
        return ConsoleResponse(status: [("campaign", .string(name)), ("added", .int(added)), ("already", .int(present))])
    }

    static let removeClients = ConsoleCommand(
        "campaign remove-clients", usage: "campaign remove-clients NAME (--import ID | --segment S | --tag T | --all | --clients ID,... | <<END client ids)",
        summary: "take clients out of the audience (their open case in it is cancelled)", useCase: .removeAudience, changesState: true, acceptsPayload: true
    ) { context in
        let name = try context.arguments.required("a campaign NAME")
        let selection = try await audience(&context, verb: "remove-clients")
        let result = try await context.services().campaigns.removeClients(name, selection, as: context.caller)
        let (removed, cancelled) = (result.removed, result.cancelled)
        return ConsoleResponse(status: [("campaign", .string(name)), ("removed", .int(removed)), ("cancelled", .int(cancelled))])
    }

    /// Exactly one way of choosing clients: an option, or a payload of client ids (one per
    /// line, or the first column of a CSV whose header is `client_id` or `id`).
    static func audience(_ context: inout CommandContext, verb: String) async throws -> AudienceSelection {
        var choices: [AudienceSelection] = []
        if let id = try context.arguments.intOption("import", in: 1...Int(Int32.max)) { choices.append(.importID(id)) }
        if let text = try context.arguments.option("segment") {
            guard let segment = ClientSegment(text: text) else { throw ConsoleError(.invalid, "segment \"\(text)\" is not one of individual, company, vip, foreign") }
            choices.append(.segment(segment.rawValue))
        }
        if let tag = try context.arguments.option("tag") { choices.append(.tag(tag)) }
        if context.arguments.flag("all") { choices.append(.all) }
        if let text = try context.arguments.option("clients") { choices.append(.clients(try clientIDs(text))) }
        try context.arguments.finish()
        if let payload = context.payload {
            var ids: [Int] = []
            var line = 0
            while let text = try await payload.next() {
                line += 1
                let first = text.split(separator: ",", omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if first.isEmpty || (line == 1 && ["client_id", "id"].contains(first.lowercased())) { continue }
                guard let id = Int(first), id > 0 else { throw ConsoleError(.invalid, "line \(line): \"\(first)\" is not a client id") }
                ids.append(id)
            }
            choices.append(.clients(ids))
        }
        guard choices.count == 1 else {
            throw ConsoleError.syntax("'campaign \(verb)' needs exactly one of --import ID, --segment S, --tag T, --all, --clients ID,... or a payload of client ids")
        }
        return choices[0]
    }

    static func card(_ c: CampaignRecord, waves: [WaveRecord]?) -> ResponseBody {
        var fields: [(String, ConsoleValue)] = [
            ("name", .string(c.name)), ("id", .int(c.id)), ("team", .string(c.team)), ("state", .string(c.state.rawValue)),
            ("workflow", .string("\(c.workflow.name) v\(c.workflow.version)")), ("calling_hours", .string(c.callingHours.description)),
            ("event_day", c.effectiveEventDay.map { .string("\($0)") } ?? .null), ("budget", c.budget.map { .string($0) } ?? .null),
            ("working_days", .string(Weekday.allCases.filter { c.workingDays.contains($0) }.map { String("\($0)".prefix(3)) }.joined(separator: ","))),
            ("holidays", .string(c.holidays.sorted().map(\.description).joined(separator: ","))),
            ("auto_wave", c.autoWave.map { .string("\($0)") } ?? .string("off")),
            ("call_caps", .string("\(c.dailyCap) a day, \(c.lifetimeCap) in all, per client")),
            ("audience", .int(c.audience)), ("waves", .int(c.waves)), ("open_cases", .int(c.openCases)),
        ]
        fields.append(("steps", .string(c.workflow.steps.map(\.name).joined(separator: " → "))))
        guard let waves, !waves.isEmpty else { return .record(fields) }
        return .card(fields, lists: [WaveCommands.waveList(waves)])
    }

    static func callingHours(_ text: String?) throws(ConsoleError) -> CallingHours? {
        guard let text else { return nil }
        guard let hours = CallingHours(text) else { throw ConsoleError(.invalid, "calling hours \"\(text)\" are not HH:MM-HH:MM with the start before the end") }
        return hours
    }

    static func weekday(_ text: String?, option: String) throws(ConsoleError) -> Weekday? {
        guard let text else { return nil }
        guard let day = Weekday(name: text) else { throw ConsoleError(.invalid, "--\(option) \"\(text)\" is not a weekday (monday … sunday)") }
        return day
    }

    /// `mon-fri`, `monday,wednesday`, `sun-thu` (a range wraps past Sunday).
    static func weekdays(_ text: String?) throws(ConsoleError) -> Set<Weekday>? {
        guard let text else { return nil }
        var days: Set<Weekday> = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { Weekday(name: String($0).trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(ends.count), let first = ends.first!, let last = ends.last! else {
                throw ConsoleError(.invalid, "--working-days \"\(text)\": \"\(part)\" is not a weekday or a range like mon-fri")
            }
            var day = first
            days.insert(day)
            while day != last {
                day = Weekday(rawValue: day.rawValue % 7 + 1)!
                days.insert(day)
            }
        }
        return days
    }

    static func dates(_ text: String?) throws(ConsoleError) -> Set<LocalDate> {
        guard let text, !text.isEmpty else { return [] }
        var result: Set<LocalDate> = []
        for part in text.split(separator: ",") {
            guard let date = LocalDate(iso: part.trimmingCharacters(in: .whitespaces)) else { throw ConsoleError(.invalid, "\"\(part)\" is not a date like 2026-12-24") }
            result.insert(date)
        }
        return result
    }

    static func clientIDs(_ text: String) throws(ConsoleError) -> [Int] {
        var ids: [Int] = []
        for part in text.split(separator: ",") {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)), id > 0 else { throw ConsoleError(.invalid, "\"\(part)\" is not a client id") }
            ids.append(id)
        }
        return ids
    }
}
