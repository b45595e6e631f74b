import CallsheetDomain
import CallsheetServices

/// `token create|list|revoke`: API tokens for scripts and integrations of the HTTP API.
/// The token is printed once, by `token create`; the daemon keeps only its hash.
public enum TokenCommands {
    public static let all: [ConsoleCommand] = [create, list, revoke]

    static let create = ConsoleCommand(
        "token create", usage: "token create LOGIN --name NAME [--scope api|metrics]",
        summary: "a new API token acting as LOGIN (an administrator, manager or viewer); printed once", useCase: .createToken, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        guard let name = try context.arguments.option("name") else { throw ConsoleError.syntax("'token create' needs --name NAME (what uses it: crm-sync)") }
        let scopeText = try context.arguments.option("scope") ?? "api"
        guard let scope = TokenScope(rawValue: scopeText.lowercased()) else {
            throw ConsoleError(.invalid, "--scope \"\(scopeText)\" is not api (the HTTP API as LOGIN) or metrics (only GET /metrics)")
        }
        try context.arguments.finish()
        let created = try await context.services().tokens.create(login: login, name: name, scope: scope, as: context.caller)
        return ConsoleResponse(
            status: [
                ("token", .string(created.token)), ("id", .int(created.id)), ("login", .string(created.login)), ("name", .string(created.name)),
                ("scope", .string(scope.rawValue)),
            ],
            body: .lines(["Keep this token now: it is not shown again. Send it as: Authorization: Bearer \(created.token)"]))
    }

    static let list = ConsoleCommand(
        "token list", usage: "token list [--login LOGIN]", summary: "API tokens (never their text): whose, created, last used, revoked",
        useCase: .listTokens
    ) { context in
        let login = try context.arguments.option("login")
        try context.arguments.finish()
        let tokens = try await context.services().tokens.list(login: login, as: context.caller)
        let rows: [[ConsoleValue]] = tokens.map {
            [
                .int($0.id), .string($0.login), .string($0.name), .string($0.scope), .string(ConsoleValue.timestamp($0.createdAt)), .string($0.createdBy),
                .string($0.lastUsedAt.map(ConsoleValue.timestamp) ?? "never"), .string($0.revokedAt.map(ConsoleValue.timestamp) ?? "-"),
            ]
        }
        return ConsoleResponse(
            status: [("tokens", .int(tokens.count))],
            body: .table(columns: ["id", "login", "name", "scope", "created", "created_by", "last_used", "revoked"], rows: rows))
    }

    static let revoke = ConsoleCommand(
        "token revoke", usage: "token revoke ID", summary: "end an API token at once", useCase: .revokeToken, changesState: true
    ) { context in
        let text = try context.arguments.required("a token ID")
        try context.arguments.finish()
        guard let id = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw ConsoleError(.invalid, "\"\(text)\" is not a token id (token list shows them)")
        }
        try await context.services().tokens.revoke(id: id, as: context.caller)
        return ConsoleResponse(status: [("token", .int(id)), ("revoked", .bool(true))])
    }
}
