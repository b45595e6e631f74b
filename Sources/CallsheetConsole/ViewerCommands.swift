import CallsheetServices

/// `viewer add|edit|list`: sales directors in the directory, who read reports and change nothing.
public enum ViewerCommands {
    public static let all: [ConsoleCommand] = [add, edit, list]

    static let add = ConsoleCommand(
        "viewer add", usage: "viewer add LOGIN --name NAME [--email ADDRESS]", summary: "add a viewer (reads reports, changes nothing)", useCase: .addViewer,
        changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name") ?? ""
        let email = try context.arguments.option("email")
        try context.arguments.finish()
        let viewer = try await context.services().directory.addViewer(login: login, name: name, email: email, as: context.caller)
        return ConsoleResponse(status: [("viewer", .string(viewer.login)), ("id", .int(viewer.id))])
    }

    static let edit = ConsoleCommand(
        "viewer edit", usage: "viewer edit LOGIN [--name NAME] [--email ADDRESS|-]", summary: "change a viewer's name or e-mail address (- removes it)",
        useCase: .editViewer, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name")
        let email = try context.arguments.option("email")
        try context.arguments.finish()
        let viewer = try await context.services().directory.editViewer(login: login, name: name, email: email, as: context.caller)
        return ConsoleResponse(status: [("viewer", .string(viewer.login)), ("email", .string(viewer.email ?? "-"))])
    }

    static let list = ConsoleCommand("viewer list", summary: "viewers of the directory", useCase: .listViewers) { context in
        try context.arguments.finish()
        let viewers = try await context.services().directory.viewers(as: context.caller)
        return ConsoleResponse(
            status: [("viewers", .int(viewers.count))],
            body: .table(columns: ["login", "name", "email"], rows: viewers.map { [.string($0.login), .string($0.name), .string($0.email ?? "-")] }))
    }
}
