public import CallsheetDomain
public import CallsheetServices
import Foundation
public import Logging
import Yams

/// Reads workflow definitions from `*.yaml` files (format: docs/workflows.md).
///
/// Strict like the daemon's config: an unknown key, a wrong type, a due rule or delay in no
/// known form, or a step that breaks ``WorkflowRules`` is an error naming the file, the
/// line and the step/key, so a mistake is found when the file is read, not mid-call.
public enum WorkflowFile {
    /// The services' view of `directory`: read again on every use.
    public static func source(directory: String) -> WorkflowSource {
        WorkflowSource { () throws(ConfigurationError) in try loadAll(directory: directory) }
    }

    /// Start-up check: a broken file stops the daemon (like a broken config); a missing
    /// directory only warns, since a daemon without campaigns needs none.
    public static func checkAtStart(directory: String, logger: Logger) throws(ConfigurationError) {
        guard FileManager.default.fileExists(atPath: directory) else {
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            logger.warning("no workflows directory; campaign create will fail until it exists", metadata: ["workflows_dir": "\(directory)", "path": "\(absolute)"])
            return
        }
        let workflows = try loadAll(directory: directory)
        logger.info("workflows loaded", metadata: ["workflows_dir": "\(directory)", "workflows": "\(workflows.map(\.name).joined(separator: ","))"])
    }

    /// Every workflow in `directory`, sorted by name; two files with the same name are an error.
    public static func loadAll(directory: String) throws(ConfigurationError) -> [Workflow] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            let reason = FileManager.default.fileExists(atPath: directory) ? "not readable" : "no such directory"
            throw ConfigurationError("cannot read the workflows directory \(absolute) (workflows_dir: \(directory), relative to the daemon's working directory): \(reason)")
        }
        var byName: [String: (Workflow, String)] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let workflow = try load(file: path)
            if let (_, other) = byName[workflow.name] {
                throw ConfigurationError("\(path): workflow '\(workflow.name)' is also defined in \(other)")
            }
            byName[workflow.name] = (workflow, path)
        }
        return byName.values.map(\.0).sorted { $0.name < $1.name }
    }

    public static func load(file path: String) throws(ConfigurationError) -> Workflow {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read workflow file \(path)")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> Workflow {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(file): not valid YAML: \(error)")
        }
        guard let root else { throw ConfigurationError("\(file): empty workflow file") }
        let reader = ConfigReader(file: file)
        let top = try reader.mapping(root, path: "", keys: ["name", "version", "description", "event_day", "steps"])
        guard let nameNode = top["name"], let name = try reader.string(nameNode, path: "name") else {
            throw ConfigurationError("\(file): name: missing (every workflow has a name)")
        }
        let version = try top["version"].map { n throws(ConfigurationError) in try reader.int(n, path: "version", in: 1...1_000_000) } ?? 1
        let summary = try top["description"].flatMap { n throws(ConfigurationError) in try reader.string(n, path: "description") } ?? ""
        var eventDay: Weekday?
        if let n = top["event_day"], let text = try reader.string(n, path: "event_day") {
            guard let day = Weekday(name: text) else { throw ConfigurationError("\(reader.location(n, "event_day")): \"\(text)\" is not a weekday") }
            eventDay = day
        }
        guard let stepsNode = top["steps"], case .sequence(let stepNodes) = stepsNode else {
            throw ConfigurationError("\(file): steps: missing or not a list of steps")
        }
        var steps: [WorkflowStep] = []
        for (index, node) in stepNodes.enumerated() {
            steps.append(try step(node, path: "steps[\(index)]", reader: reader))
        }
        let workflow = Workflow(name: name, version: version, summary: summary, eventDay: eventDay, steps: steps)
        if let problem = WorkflowRules.problems(in: workflow).first {
            throw ConfigurationError("\(file): workflow '\(name)': \(problem)")
        }
        return workflow
    }

    private static func step(_ node: Node, path: String, reader: ConfigReader) throws(ConfigurationError) -> WorkflowStep {
        let s = try reader.mapping(node, path: path, keys: ["name", "kind", "due", "standard", "retry", "max_attempts", "hint", "outcomes"])
        guard let n = s["name"], let name = try reader.string(n, path: "\(path).name") else {
            throw ConfigurationError("\(reader.location(node, path)): a step needs a name")
        }
        let at = "\(path) (\(name))"
        var kind = WorkflowStep.Kind.call
        if let n = s["kind"], let text = try reader.string(n, path: "\(at).kind") {
            guard let parsed = WorkflowStep.Kind(rawValue: text) else {
                throw ConfigurationError("\(reader.location(n, "\(at).kind")): \"\(text)\" is not one of call, e-mail, meeting, task")
            }
            kind = parsed
        }
        guard let dueNode = s["due"], let dueText = try reader.string(dueNode, path: "\(at).due") else {
            throw ConfigurationError("\(reader.location(node, "\(at).due")): missing (when does this step fall due?)")
        }
        guard let due = DueRule(text: dueText) else {
            throw ConfigurationError("\(reader.location(dueNode, "\(at).due")): \"\(dueText)\" is not a due rule; write one of \(DueRule.forms)")
        }
        var standard = 1
        if let n = s["standard"], let text = try reader.string(n, path: "\(at).standard") {
            guard case .businessDays(let days)? = RetryDelay(text: text) else {
                throw ConfigurationError("\(reader.location(n, "\(at).standard")): \"\(text)\" is not \"N business days\"")
            }
            standard = days
        }
        let retry = try s["retry"].map { n throws(ConfigurationError) in try delay(n, path: "\(at).retry", reader: reader) } ?? .minutes(120)
        let attempts = try s["max_attempts"].map { n throws(ConfigurationError) in try reader.int(n, path: "\(at).max_attempts", in: 1...100) } ?? 3
        let hint = try s["hint"].flatMap { n throws(ConfigurationError) in try reader.string(n, path: "\(at).hint") } ?? ""
        guard let outcomesNode = s["outcomes"], case .mapping(let mapping) = outcomesNode else {
            throw ConfigurationError("\(reader.location(node, "\(at).outcomes")): missing or not a section of outcome: effect pairs")
        }
        var outcomes: [StepOutcome] = []
        for (key, value) in mapping {
            outcomes.append(try outcome(named: key.string ?? "", value, path: "\(at).outcomes.\(key.string ?? "?")", reader: reader))
        }
        return WorkflowStep(name: name, kind: kind, due: due, standardDays: standard, retryDelay: retry, maximumAttempts: attempts, hint: hint, outcomes: outcomes)
    }

    private static func outcome(named name: String, _ node: Node, path: String, reader: ConfigReader) throws(ConfigurationError) -> StepOutcome {
        if case .scalar(let scalar) = node {
            return StepOutcome(name: name, effect: effect(scalar.string))
        }
        let s = try reader.mapping(node, path: path, keys: ["then", "amount", "quality", "retry_after", "offer"])
        guard let thenNode = s["then"], let then = try reader.string(thenNode, path: "\(path).then") else {
            throw ConfigurationError("\(reader.location(node, "\(path).then")): missing (a step name, or retry, callback, won, lost, do-not-call)")
        }
        var amount = StepOutcome.Amount.none
        if let n = s["amount"], let text = try reader.string(n, path: "\(path).amount") {
            guard let parsed = StepOutcome.Amount(rawValue: text) else {
                throw ConfigurationError("\(reader.location(n, "\(path).amount")): \"\(text)\" is not one of none, optional, required")
            }
            amount = parsed
        }
        let quality = try s["quality"].flatMap { n throws(ConfigurationError) in try reader.string(n, path: "\(path).quality") }
        let retryAfter = try s["retry_after"].map { n throws(ConfigurationError) in try delay(n, path: "\(path).retry_after", reader: reader) }
        var offer: OfferStatus?
        if let n = s["offer"], let text = try reader.string(n, path: "\(path).offer") {
            guard let parsed = OfferStatus(rawValue: text) else {
                throw ConfigurationError(
                    "\(reader.location(n, "\(path).offer")): \"\(text)\" is not an offer status (\(OfferStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            offer = parsed
        }
        return StepOutcome(name: name, effect: effect(then), amount: amount, quality: quality, retryDelay: retryAfter, offer: offer)
    }

    private static func effect(_ text: String) -> OutcomeEffect {
        OutcomeEffect.keywords[text] ?? .next(text)
    }

    private static func delay(_ node: Node, path: String, reader: ConfigReader) throws(ConfigurationError) -> RetryDelay {
        let text = try reader.string(node, path: path) ?? ""
        guard let delay = RetryDelay(text: text) else {
            throw ConfigurationError("\(reader.location(node, path)): \"\(text)\" is not a delay (\"90 minutes\", \"2 hours\", \"1 business day\")")
        }
        return delay
    }
}
