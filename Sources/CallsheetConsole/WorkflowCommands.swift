import CallsheetDomain
import CallsheetServices

/// `workflow list|show`: the workflow files a campaign can be created from.
public enum WorkflowCommands {
    public static let all: [ConsoleCommand] = [list, show]

    static let list = ConsoleCommand("workflow list", summary: "workflows in the workflows directory", useCase: .listWorkflows) { context in
        try context.arguments.finish()
        let workflows = try context.services().campaigns.workflows(as: context.caller)
        return ConsoleResponse(
            status: [("workflows", .int(workflows.count))],
            body: .table(
                columns: ["name", "version", "steps", "description"],
                rows: workflows.map {
                    [.string($0.name), .int($0.version), .int($0.steps.count), .string($0.summary)]
                })
        )
    }

    static let show = ConsoleCommand("workflow show", usage: "workflow show NAME", summary: "a workflow's steps, due rules and outcomes", useCase: .showWorkflow) { context in
        let name = try context.arguments.required("a workflow NAME")
        try context.arguments.finish()
        let workflow = try context.services().campaigns.workflow(named: name, as: context.caller)
        return ConsoleResponse(
            status: [("workflow", .string(workflow.name)), ("version", .int(workflow.version))],
            body: .table(
                columns: ["step", "kind", "due", "standard", "retry", "attempts", "outcomes"],
                rows: workflow.steps.map { step in
                    [
                        .string(step.name), .string(step.kind.rawValue), .string(step.due.description), .string("\(step.standardDays)d"),
                        .string(step.retryDelay.description), .int(step.maximumAttempts),
                        .string(step.outcomes.map { "\($0.name)→\($0.effect)" }.joined(separator: " ")),
                    ]
                })
        )
    }
}
