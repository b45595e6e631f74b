import CallsheetDomain
import CallsheetServices

/// `admin …` and `manager …`: the people of the back office (docs/domain.md#administrator-actions).
public enum DirectoryCommands {
    public static let all: [ConsoleCommand] = [
        adminAdd, adminEdit, adminList, adminShow, managerAdd, managerList, managerShow, managerEdit, managerDeactivate, managerActivate,
    ]

    static let adminAdd = ConsoleCommand(
        "admin add", usage: "admin add LOGIN --name NAME [--email ADDRESS]", summary: "add an administrator (who runs campaigns and a team)",
        useCase: .addAdministrator, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name") ?? ""
        let email = try context.arguments.option("email")
        try context.arguments.finish()
        let admin = try await context.services().directory.addAdministrator(login: login, name: name, email: email, as: context.caller)
        return ConsoleResponse(status: [("admin", .string(admin.login)), ("id", .int(admin.id))])
    }

    static let adminEdit = ConsoleCommand(
        "admin edit", usage: "admin edit LOGIN [--name NAME] [--email ADDRESS|-]",
        summary: "change an administrator's name or e-mail address (- removes it)", useCase: .editAdministrator, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name")
        let email = try context.arguments.option("email")
        try context.arguments.finish()
        let admin = try await context.services().directory.editAdministrator(login: login, name: name, email: email, as: context.caller)
        return ConsoleResponse(status: [("admin", .string(admin.login)), ("email", .string(admin.email ?? "-"))])
    }

    static let adminList = ConsoleCommand("admin list", summary: "administrators and the size of their teams", useCase: .listAdministrators) { context in
        try context.arguments.finish()
        let admins = try await context.services().directory.administrators(as: context.caller)
        return ConsoleResponse(
            status: [("admins", .int(admins.count))],
            body: .table(
                columns: ["login", "name", "email", "active_managers"],
                rows: admins.map { [.string($0.login), .string($0.name), .string($0.email ?? "-"), .int($0.activeManagers)] })
        )
    }

    static let adminShow = ConsoleCommand("admin show", usage: "admin show LOGIN", summary: "one administrator and their team", useCase: .showAdministrator) { context in
        let login = try context.arguments.required("a LOGIN")
        try context.arguments.finish()
        let directory = try context.services().directory
        let admin = try await directory.administrators(login: login, as: context.caller)[0]
        let team = try await directory.managers(team: login, includeInactive: true, as: context.caller)
        return ConsoleResponse(
            status: [("admin", .string(admin.login)), ("managers", .int(team.count))],
            body: .card([("login", .string(admin.login)), ("name", .string(admin.name)), ("email", .string(admin.email ?? "-"))], lists: [managerList(team)])
        )
    }

    static let managerAdd = ConsoleCommand(
        "manager add", usage: "manager add LOGIN --name NAME --team LOGIN [--capacity N] [--timezone TZ] [--email ADDRESS]",
        summary: "add a manager (salesperson) to an administrator's team", useCase: .addManager, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name") ?? ""
        guard let team = try context.arguments.option("team", alias: "admin") else { throw ConsoleError.syntax("'manager add' needs --team LOGIN (the team it belongs to)") }
        let capacity = try context.arguments.intOption("capacity", in: 0...100_000)
        let zone = try context.arguments.option("timezone")
        let email = try context.arguments.option("email")
        try context.arguments.finish()
        let manager = try await context.services().directory.addManager(
            login: login, name: name, team: team, capacity: capacity, timeZone: zone, email: email, as: context.caller)
        return ConsoleResponse(status: [("manager", .string(manager.login)), ("id", .int(manager.id))], body: managerCard(manager))
    }

    static let managerList = ConsoleCommand(
        "manager list", usage: "manager list [--team LOGIN] [--all]", summary: "managers (active only unless --all)", useCase: .listManagers
    ) { context in
        let team = try context.arguments.option("team", alias: "admin")
        let all = context.arguments.flag("all")
        try context.arguments.finish()
        let managers = try await context.services().directory.managers(team: team, includeInactive: all, as: context.caller)
        return ConsoleResponse(status: [("managers", .int(managers.count))], body: managerTable(managers))
    }

    static let managerShow = ConsoleCommand("manager show", usage: "manager show LOGIN", summary: "one manager's card", useCase: .showManager) { context in
        let login = try context.arguments.required("a LOGIN")
        try context.arguments.finish()
        let manager = try await context.services().directory.manager(login: login, as: context.caller)
        return ConsoleResponse(status: [("manager", .string(manager.login))], body: managerCard(manager))
    }

    static let managerEdit = ConsoleCommand(
        "manager edit", usage: "manager edit LOGIN [--name NAME] [--team LOGIN] [--capacity N] [--timezone TZ] [--email ADDRESS|-]",
        summary: "change a manager's name, team, weekly capacity, time zone or e-mail address (- removes it)", useCase: .editManager, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let changes = ManagerChanges(
            name: try context.arguments.option("name"), team: try context.arguments.option("team", alias: "admin"),
            capacity: try context.arguments.intOption("capacity", in: 0...100_000), timeZone: try context.arguments.option("timezone"),
            email: try context.arguments.option("email")
        )
        try context.arguments.finish()
        let manager = try await context.services().directory.editManager(login: login, changes: changes, as: context.caller)
        return ConsoleResponse(status: [("manager", .string(manager.login))], body: managerCard(manager))
    }

    static let managerDeactivate = activation("deactivate", active: false, summary: "stop giving a manager new clients (history is kept)")
    static let managerActivate = activation("activate", active: true, summary: "let a deactivated manager take clients again")

    static func activation(_ verb: String, active: Bool, summary: String) -> ConsoleCommand {
        ConsoleCommand("manager \(verb)", usage: "manager \(verb) LOGIN", summary: summary, useCase: .changeManagerActive, changesState: true) { context in
            let login = try context.arguments.required("a LOGIN")
            try context.arguments.finish()
            let activation = try await context.services().directory.setManagerActive(login: login, active: active, as: context.caller)
            let (manager, changed, open) = (activation.manager, activation.changed, activation.openCases)
            let status: [(String, ConsoleValue)] = [
                ("manager", .string(manager.login)), ("active", .bool(manager.active)), ("changed", .bool(changed)),
                ("open_cases", .int(open.reduce(0) { $0 + $1.cases })),
            ]
            guard !active, !open.isEmpty else { return ConsoleResponse(status: status) }
            // Their open cases get no calls while they are away: say where they are and how to move them.
            let rows: [[ConsoleValue]] = open.map {
                [.string($0.campaign), .int($0.cases), .string("reassign --from \(login) --to LOGIN --campaign \($0.campaign)")]
            }
            return ConsoleResponse(status: status, body: .table(columns: ["campaign", "open_cases", "move_with"], rows: rows))
        }
    }

    /// The card; `email` only when one is set (the daily e-mail goes there).
    static func managerCard(_ m: ManagerRecord) -> ResponseBody {
        var fields: [(String, ConsoleValue)] = [
            ("login", .string(m.login)), ("name", .string(m.name)), ("team", .string(m.team)),
            ("capacity", .int(m.capacity)), ("timezone", .string(m.timeZone)), ("active", .bool(m.active)),
        ]
        if let email = m.email { fields.append(("email", .string(email))) }
        return .record(fields)
    }

    static func managerTable(_ managers: [ManagerRecord]) -> ResponseBody {
        let list = managerList(managers)
        return .table(columns: list.columns, rows: list.rows)
    }

    static func managerList(_ managers: [ManagerRecord]) -> BodyList {
        BodyList(
            "managers", columns: ["login", "name", "team", "capacity", "timezone", "active"],
            rows: managers.map {
                [.string($0.login), .string($0.name), .string($0.team), .int($0.capacity), .string($0.timeZone), .bool($0.active)]
            })
    }
}
