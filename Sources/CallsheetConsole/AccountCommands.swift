import CallsheetServices

/// `account password|invite|revoke|list`: who may sign in on the web.
///
/// A password never travels on a command line (which shells keep in history and `ps`
/// shows): `account password LOGIN <<END` takes it as the payload block's one line, and
/// `callsheetctl account password LOGIN` asks for it twice without echo.
public enum AccountCommands {
    public static let all: [ConsoleCommand] = [password, invite, revoke, list]

    static let password = ConsoleCommand(
        "account password", usage: "account password LOGIN <<END (the password on the one payload line)",
        summary: "set a person's web password (at least 10 characters, not the login)", useCase: .setPassword, changesState: true,
        acceptsPayload: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        try context.arguments.finish()
        guard let payload = context.payload else {
            throw ConsoleError.syntax("'account password' reads the password from a payload block, never the command line: end the line with <<END")
        }
        guard let password = try await payload.next() else { throw ConsoleError(.invalid, "the payload block is empty: the password goes on its one line") }
        guard try await payload.next() == nil else { throw ConsoleError(.invalid, "the payload block must hold the password alone, on one line") }
        try await context.services().accounts.setPassword(login: login, password: password, as: context.caller)
        return ConsoleResponse(status: [("account", .string(login)), ("password", .string("set"))])
    }

    static let invite = ConsoleCommand(
        "account invite", usage: "account invite LOGIN",
        summary: "a one-time link (48 h) where the person sets their own web password", useCase: .inviteAccount, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        try context.arguments.finish()
        let invitation = try await context.services().accounts.invite(login: login, as: context.caller)
        return ConsoleResponse(
            status: [("account", .string(login)), ("link", .string(invitation.link)), ("expires", .string(ConsoleValue.timestamp(invitation.expiresAt)))],
            body: .lines(["Send this link to \(login) yourself; it works once, until \(ConsoleValue.timestamp(invitation.expiresAt)), and is not shown again."]))
    }

    static let revoke = ConsoleCommand(
        "account revoke", usage: "account revoke LOGIN",
        summary: "end a person's web access: password, invitation, every session and API token", useCase: .revokeAccount, changesState: true
    ) { context in
        let login = try context.arguments.required("a LOGIN")
        try context.arguments.finish()
        let ended = try await context.services().accounts.revoke(login: login, as: context.caller)
        return ConsoleResponse(status: [("account", .string(login)), ("revoked", .bool(true)), ("sessions", .int(ended.sessions)), ("tokens", .int(ended.tokens))])
    }

    static let list = ConsoleCommand(
        "account list", summary: "everyone who may sign in on the web: password set, invitation pending, sessions open", useCase: .listAccounts
    ) { context in
        try context.arguments.finish()
        let accounts = try await context.services().accounts.list(as: context.caller)
        let rows: [[ConsoleValue]] = accounts.map {
            [
                .string($0.login), .string($0.name), .string($0.role.description),
                .string($0.passwordSetAt.map(ConsoleValue.timestamp) ?? "-"),
                .string($0.inviteExpiresAt.map { "until " + ConsoleValue.timestamp($0) } ?? "-"),
                .string($0.revokedAt.map(ConsoleValue.timestamp) ?? "-"), .int($0.openSessions),
            ]
        }
        return ConsoleResponse(
            status: [("accounts", .int(accounts.count)), ("with_password", .int(accounts.filter { $0.passwordSetAt != nil }.count))],
            body: .table(columns: ["login", "name", "role", "password_set", "invitation", "revoked", "sessions"], rows: rows))
    }
}
