public import CallsheetDomain
import CallsheetStore

/// `admin edit` and `viewer edit`: a person's name and e-mail address (where the daily
/// e-mail goes). `--email -` removes the address. Logins never change: they are the key of
/// accounts, tokens and the audit trail.
extension DirectoryService {
    public func editAdministrator(login: String, name: String?, email: String?, as caller: Caller) async throws -> AdministratorRecord {
        try Authorization.check(caller, .editAdministrator)
        let actor = caller.actingUser
        try Self.checkEdit(name: name, email: email)
        return try await database.useCase { tx in
            guard try await tx.updateAdministrator(login: login, name: name, email: email) else {
                throw ServiceError(.notFound, "no administrator '\(login)'")
            }
            try await tx.audit(actor, action: "admin edit", subject: login)
            return try await tx.administrators(login: login)[0]
        }
    }

    public func editViewer(login: String, name: String?, email: String?, as caller: Caller) async throws -> ViewerRecord {
        try Authorization.check(caller, .editViewer)
        let actor = caller.actingUser
        try Self.checkEdit(name: name, email: email)
        return try await database.useCase { tx in
            guard try await tx.updateViewer(login: login, name: name, email: email) else {
                throw ServiceError(.notFound, "no viewer '\(login)'")
            }
            try await tx.audit(actor, action: "viewer edit", subject: login)
            return try await tx.viewers().first { $0.login == login }!
        }
    }

    static func checkEdit(name: String?, email: String?) throws {
        guard name != nil || email != nil else { throw ServiceError(.invalid, "nothing to change: give --name or --email") }
        if let name, name.isEmpty { throw ServiceError(.invalid, "--name cannot be empty") }
        if let email, email != "-", let problem = EmailAddress.problem(with: email) { throw ServiceError(.invalid, "--email: " + problem) }
    }
}
