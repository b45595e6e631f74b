import CallsheetServices

/// `client import`: a CSV payload block in, one summary status line out (docs/console.md).
public enum ClientImportCommands {
    public static let all: [ConsoleCommand] = [clientImport]

    static let clientImport = ConsoleCommand(
        "client import",
        usage: "client import [--source NAME] [--update] [--skip-invalid] [--ignore-unknown] [--map HEADER=FIELD]... <<END",
        summary: "import clients from CSV (all rows or none, unless --skip-invalid)",
        useCase: .importClients, changesState: true, acceptsPayload: true, bulk: true
    ) { context in
        var options = ClientImportService.Options()
        options.source = try context.arguments.option("source")
        options.update = context.arguments.flag("update")
        options.skipInvalid = context.arguments.flag("skip-invalid")
        options.ignoreUnknown = context.arguments.flag("ignore-unknown")
        for mapping in try context.arguments.options("map") {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConsoleError.syntax("--map takes HEADER=FIELD, for example --map \"Firma=name\", not \"\(mapping)\"")
            }
            options.mappings[parts[0]] = parts[1]
        }
        try context.arguments.finish()
        guard let payload = context.payload else {
            throw ConsoleError.syntax("'client import' reads the CSV from a payload block: end the line with <<END (callsheetctl client import < file.csv does this)")
        }
        let summary = try await context.services().imports.run(lines: { try await payload.next() }, options: options, as: context.caller)
        let c = summary.counts
        return ConsoleResponse(
            status: [
                ("import", .int(summary.importID)), ("read", .int(c.read)), ("inserted", .int(c.inserted)),
                ("updated", .int(c.updated)), ("skipped", .int(c.skipped)), ("rejected", .int(c.rejected)),
                ("do_not_call", .int(c.doNotCall)),
            ],
            body: .lines(summary.report)
        )
    }
}
