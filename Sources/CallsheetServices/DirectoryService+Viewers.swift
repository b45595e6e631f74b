public import CallsheetDomain
import CallsheetStore

/// Viewers: sales directors who sign in to read reports (console role `viewer` by OS user,
/// or a directory login for the HTTP API and its tokens). One login is one person: a login
/// that is already an administrator's or a manager's is refused.
extension DirectoryService {
    public func addViewer(login: String, name: String, email: String? = nil, as caller: Caller) async throws -> ViewerRecord {
        try Authorization.check(caller, .addViewer)
        let actor = caller.actingUser
        if let problem = DirectoryRules.validLogin(login) { throw ServiceError(.invalid, problem) }
        guard !name.isEmpty else { throw ServiceError(.invalid, "a viewer needs a --name") }
        if let email, let problem = EmailAddress.problem(with: email) { throw ServiceError(.invalid, "--email: " + problem) }
        return try await database.useCase { tx in
            guard let id = try await tx.insertViewer(login: login, name: name, email: email) else {
                throw ServiceError(.conflict, "'\(login)' is already in the directory (administrator, manager or viewer)")
            }
            try await tx.audit(actor, action: "viewer add", subject: login)
            return ViewerRecord(id: id, login: login, name: name, email: email)
        }
    }

    public func viewers(as caller: Caller) async throws -> [ViewerRecord] {
        try Authorization.check(caller, .listViewers)
        return try await database.useCase { tx in try await tx.viewers() }
    }
}
