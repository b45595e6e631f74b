/// What makes a workflow usable, checked when its file is read so that a mistake is
/// reported at load time with the step and key named, not when a manager hits it mid-call.
public enum WorkflowRules {
    /// Names of workflows, steps and outcomes: lower-case letters, digits and `-`, starting
    /// with a letter (they are typed on the console and used by scripts).
    public static func validName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Every problem, each naming where it is (`step 'offer', outcome 'agreed': …`); empty when usable.
    public static func problems(in workflow: Workflow) -> [String] {
        var problems: [String] = []
        if !validName(workflow.name) { problems.append("name \"\(workflow.name)\" must be lower-case letters, digits and '-', starting with a letter") }
        if workflow.version < 1 { problems.append("version must be 1 or more") }
        if workflow.steps.isEmpty { problems.append("a workflow needs at least one step") }
        var seen: Set<String> = []
        for step in workflow.steps {
            let at = "step '\(step.name)'"
            if !validName(step.name) { problems.append("\(at): name must be lower-case letters, digits and '-', starting with a letter") }
            if OutcomeEffect.keywords[step.name] != nil { problems.append("\(at): '\(step.name)' is a reserved word (retry, callback, won, lost, do-not-call)") }
            if !seen.insert(step.name).inserted { problems.append("\(at): step name used twice") }
            if step.outcomes.isEmpty { problems.append("\(at): no outcomes (a step needs at least one)") }
            if step.maximumAttempts < 1 { problems.append("\(at): max_attempts must be 1 or more") }
            if step.standardDays < 0 { problems.append("\(at): standard must not be negative") }
            var outcomeNames: Set<String> = []
            for outcome in step.outcomes {
                let where_ = "\(at), outcome '\(outcome.name)'"
                if !validName(outcome.name) { problems.append("\(where_): name must be lower-case letters, digits and '-', starting with a letter") }
                if !outcomeNames.insert(outcome.name).inserted { problems.append("\(where_): outcome name used twice in this step") }
                if case .next(let target) = outcome.effect, workflow.step(named: target) == nil {
                    problems.append("\(where_): leads to '\(target)', which is neither a step of this workflow nor one of retry, callback, won, lost, do-not-call")
                }
                if outcome.retryDelay != nil, outcome.effect != .retry {
                    problems.append("\(where_): retry_after only applies to an outcome that leads to retry")
                }
            }
        }
        if let first = workflow.steps.first, first.due == .managerSets {
            problems.append("step '\(first.name)': the first step cannot be due \"when the manager sets\" (a wave schedules it)")
        }
        return problems
    }
}
