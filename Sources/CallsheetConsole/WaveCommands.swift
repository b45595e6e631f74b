import CallsheetDomain
import CallsheetServices

/// `wave open|show|list`: the weekly distribution of a campaign's clients (docs/domain.md#waves).
public enum WaveCommands {
    public static let all: [ConsoleCommand] = [open, show, list]

    /// Above this many lines, `wave show` without `--manager` prints only the summary.
    static let listLimit = 10_000

    static let open = ConsoleCommand(
        "wave open", usage: "wave open CAMPAIGN --week 2026-W48 [--dry-run]",
        summary: "distribute the audience to the team for one ISO week (--dry-run: show the plan, write nothing)",
        useCase: .openWave, changesState: true, bulk: true
    ) { context in
        let name = try context.arguments.required("a CAMPAIGN")
        let week = try isoWeek(context.arguments.option("week"))
        let dryRun = context.arguments.flag("dry-run")
        try context.arguments.finish()
        guard let week else { throw ConsoleError.syntax("'wave open' needs --week YYYY-Www (for example --week 2026-W48)") }
        let plan = try await context.services().waves.open(campaign: name, week: week, dryRun: dryRun, as: context.caller)
        var status: [(String, ConsoleValue)] =
            dryRun
            ? [("dry_run", .bool(true)), ("week", .string(week.description))]
            : [("wave", .int(plan.waveID ?? 0))]
        status += [("assigned", .int(plan.assigned)), ("skipped", .int(plan.skippedTotal)), ("managers", .int(plan.managers.filter { $0.counts.total > 0 }.count))]
        return ConsoleResponse(status: status, body: planBody(plan, detailed: dryRun))
    }

    static let show = ConsoleCommand(
        "wave show", usage: "wave show CAMPAIGN [--week W] [--manager LOGIN]",
        summary: "each manager's list in a wave (default: the latest) with every client's state", useCase: .showWave, bulk: true
    ) { context in
        let name = try context.arguments.required("a CAMPAIGN")
        let week = try isoWeek(context.arguments.option("week"))
        let manager = try context.arguments.option("manager")
        try context.arguments.finish()
        let lists = try await context.services().waves.lists(campaign: name, week: week, manager: manager, limit: listLimit + 1, as: context.caller)
        let (wave, summary, entries) = (lists.wave, lists.managers, lists.entries)
        let managers = BodyList("managers", columns: ["manager", "open", "closed"], rows: summary.map { [.string($0.manager), .int($0.open), .int($0.closed)] })
        let limited = entries.count > listLimit
        let clients = BodyList(
            "clients", columns: ["manager", "client", "name", "phone", "state", "step", "due"],
            rows: limited
                ? []
                : entries.map {
                    [
                        .string($0.manager), .int($0.clientID), .string($0.clientName), $0.phone.map { .string($0) } ?? .null,
                        .string($0.caseState.rawValue), .string($0.step), $0.dueOn.map { .string($0.description) } ?? .null,
                    ]
                }, whenEmpty: limited ? "more than \(listLimit): show one manager's list with --manager LOGIN" : "none")
        return ConsoleResponse(
            status: [
                ("wave", .int(wave.id)), ("week", .string(wave.week)), ("clients", .int(limited ? wave.assigned : entries.count)),
                ("listed", .bool(!limited)),
            ],
            body: .card([], lists: [managers, clients])
        )
    }

    static let list = ConsoleCommand("wave list", usage: "wave list CAMPAIGN", summary: "the waves of a campaign", useCase: .listWaves) { context in
        let name = try context.arguments.required("a CAMPAIGN")
        try context.arguments.finish()
        let waves = try await context.services().waves.waves(campaign: name, as: context.caller)
        return ConsoleResponse(status: [("waves", .int(waves.count))], body: waveTable(waves))
    }

    /// The plan as a card (first step, skip counts per reason, moves) over the per-manager
    /// table; `detailed` (a dry run) adds a sample of the clients who change manager.
    static func planBody(_ plan: WavePlan, detailed: Bool) -> ResponseBody {
        var fields: [(String, ConsoleValue)] = [
            ("first_step", .string(plan.firstStep)), ("due", .string(plan.dueOn.description)),
            ("skipped", .int(plan.skippedTotal)),
        ]
        for reason in WaveSkipReason.allCases {
            let name = reason.rawValue.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            fields.append(("skipped_" + name, .int(plan.skipped[reason.rawValue] ?? 0)))
        }
        fields.append(("moved", .int(plan.moved)))
        if plan.overflowed {
            fields.append(
                (
                    "warning",
                    .string(
                        "\(plan.assigned) clients exceed the team's capacity of \(plan.totalCapacity); every manager was filled to the same ratio above 100% (overflow rule, docs/console.md)"
                    )
                ))
        }
        var lists = [
            BodyList(
                "plan", columns: ["manager", "capacity", "kept", "moved_in", "new", "total", "fill"],
                rows: plan.managers.map { m in
                    [
                        .string(m.login), .int(m.capacity), .int(m.counts.kept), .int(m.counts.movedIn), .int(m.counts.new), .int(m.counts.total),
                        .string("\(m.capacity == 0 ? 0 : (m.counts.total * 100 + m.capacity / 2) / m.capacity)%"),
                    ]
                })
        ]
        if detailed {
            lists.append(
                BodyList(
                    "moved_clients", columns: ["client", "from", "to"],
                    rows: plan.movedSample.map { [.int($0.client), .string($0.from), .string($0.to)] }))
        }
        return .card(fields, lists: lists)
    }

    static func waveTable(_ waves: [WaveRecord]) -> ResponseBody {
        let list = waveList(waves)
        return .table(columns: list.columns, rows: list.rows)
    }

    static func waveList(_ waves: [WaveRecord]) -> BodyList {
        BodyList(
            "waves", columns: ["wave", "week", "opened_by", "assigned", "skipped", "managers", "moved"],
            rows: waves.map {
                [.int($0.id), .string($0.week), .string($0.openedBy), .int($0.assigned), .int($0.skipped), .int($0.managers), .int($0.moved)]
            })
    }

    static func isoWeek(_ text: String?) throws(ConsoleError) -> ISOWeek? {
        guard let text else { return nil }
        guard let week = ISOWeek(text) else { throw ConsoleError(.invalid, "week \"\(text)\" is not an ISO week like 2026-W48") }
        return week
    }
}
