import CallsheetServices

/// `viewer add|list`: sales directors in the directory, who read reports and change nothing.
public enum ViewerCommands {
    public static let all: [ConsoleCommand] = [add, list]

    static let add = ConsoleCommand(
        "viewer add", usage: "viewer add LOGIN --name NAME", summary: "add a viewer (reads reports, changes nothing)", useCase: .addViewer,
        changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        let name = try context.arguments.option("name") ?? ""
        try context.arguments.finish()
        let viewer = try await context.services().directory.addViewer(login: login, name: name, as: context.caller)
        return ConsoleResponse(status: [("viewer", .string(viewer.login)), ("id", .int(viewer.id))])
    }

    static let list = ConsoleCommand("viewer list", summary: "viewers of the directory", useCase: .listViewers) { context in
        try context.arguments.finish()
        let viewers = try await context.services().directory.viewers(as: context.caller)
        return ConsoleResponse(
            status: [("viewers", .int(viewers.count))],
            body: .table(columns: ["login", "name"], rows: viewers.map { [.string($0.login), .string($0.name)] }))
    }
}
