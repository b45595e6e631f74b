import CallsheetDomain
import Logging
import Yams

/// Typed, strict access to a YAML tree; every error names file, line and dotted key.
struct ConfigReader {
    let file: String

    func location(_ node: Node, _ path: String) -> String {
        let line = node.mark.map { ":\($0.line)" } ?? ""
        return "\(file)\(line): \(path)"
    }

    func mapping(_ node: Node, path: String, keys: Set<String>) throws(ConfigurationError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw ConfigurationError("\(location(node, path.isEmpty ? "top level" : path)): expected a section of keys")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let full = path.isEmpty ? key : path + "." + key
            guard keys.contains(key) else {
                let known = keys.sorted().joined(separator: ", ")
                throw ConfigurationError("\(location(keyNode, full)): unknown key (known keys\(path.isEmpty ? "" : " of \(path)"): \(known))")
            }
            guard result[key] == nil else {
                throw ConfigurationError("\(location(keyNode, full)): key given twice")
            }
            result[key] = value
        }
        return result
    }

    func string(_ node: Node, path: String) throws(ConfigurationError) -> String? {
        if node.null != nil { return nil }
        guard case .scalar(let scalar) = node else {
            throw ConfigurationError("\(location(node, path)): expected text, got a \(kind(node))")
        }
        return scalar.string
    }

    func bool(_ node: Node, path: String) throws(ConfigurationError) -> Bool {
        guard let value = node.bool else {
            throw ConfigurationError("\(location(node, path)): expected true or false, found \(describe(node))")
        }
        return value
    }

    func int(_ node: Node, path: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            throw ConfigurationError("\(location(node, path)): expected a whole number, got \(describe(node))")
        }
        guard range.contains(value) else {
            throw ConfigurationError("\(location(node, path)): \(value) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func stringList(_ node: Node, path: String) throws(ConfigurationError) -> [String] {
        if node.null != nil { return [] }
        guard case .sequence(let sequence) = node else {
            throw ConfigurationError("\(location(node, path)): expected a list like [a, b], got \(describe(node))")
        }
        var items: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                throw ConfigurationError("\(location(item, path)): list items must be text, got a \(kind(item))")
            }
            items.append(scalar.string)
        }
        return items
    }

    func stringMap(_ node: Node, path: String) throws(ConfigurationError) -> [String: String] {
        if node.null != nil { return [:] }
        guard case .mapping(let mapping) = node else {
            throw ConfigurationError("\(location(node, path)): expected a section of name: value pairs")
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let text = try string(value, path: "\(path).\(key.string ?? "?")") else {
                throw ConfigurationError("\(location(key, path)): expected name: value pairs")
            }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
                throw ConfigurationError("\(location(key, "\(path).\(name)")): not a PostgreSQL setting name")
            }
            result[name] = text
        }
        return result
    }

    /// `os_user: manager_login` pairs.
    func accountMap(_ node: Node, path: String) throws(ConfigurationError) -> [String: String] {
        if node.null != nil { return [:] }
        guard case .mapping(let mapping) = node else {
            throw ConfigurationError("\(location(node, path)): expected os_user: manager_login pairs")
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let user = key.string, let login = try string(value, path: "\(path).\(key.string ?? "?")") else {
                throw ConfigurationError("\(location(key, path)): expected os_user: manager_login pairs")
            }
            if let problem = DirectoryRules.validLogin(login) { throw ConfigurationError("\(location(value, "\(path).\(user)")): \(problem)") }
            result[user] = login
        }
        return result
    }

    func roleRule(_ node: Node, path: String) throws(ConfigurationError) -> RoleRule {
        let s = try mapping(node, path: path, keys: ["users", "groups"])
        return RoleRule(
            users: try s["users"].map { n throws(ConfigurationError) in try stringList(n, path: path + ".users") } ?? [],
            groups: try s["groups"].map { n throws(ConfigurationError) in try stringList(n, path: path + ".groups") } ?? []
        )
    }

    func logLevel(_ text: String, at node: Node, path: String) throws(ConfigurationError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationError("\(location(node, path)): \"\(text)\" is not a log level (trace, debug, info, notice, warning, error, critical)")
        }
        return level
    }

    private func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "value"
        case .mapping: "section"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    private func describe(_ node: Node) -> String {
        if case .scalar(let s) = node { return "\"\(s.string)\"" }
        return "a \(kind(node))"
    }
}
