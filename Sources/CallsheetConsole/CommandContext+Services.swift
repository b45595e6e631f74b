public import CallsheetDomain
public import CallsheetServices

extension CommandContext {
    /// The use cases, or `ERR UNAVAILABLE` when this console runs without a database.
    public func services() throws(ConsoleError) -> UseCases {
        guard let services = environment.services else {
            throw ConsoleError(.unavailable, "this console has no database attached")
        }
        return services
    }

    /// The person behind this command, as every use case receives them: the peer's OS
    /// user and role and, for a manager, the manager card their OS user works as
    /// (`calls.manager_accounts`, by default the same name). What they may do is the
    /// services' decision (`Authorization`), not the console's.
    public var caller: Caller {
        let manager = peer.role == .manager ? try? ownManagerLogin() : nil
        return Caller(identity: .osUser(uid: peer.uid, name: peer.userName), role: peer.role, manager: manager)
    }
}

extension ServiceError: ConsoleReportable {
    public var consoleError: ConsoleError {
        let code: ErrorCode =
            switch self.code {
            case .notFound: .notFound
            case .conflict: .conflict
            case .invalid: .invalid
            case .unavailable: .unavailable
            case .permission: .permission
            case .limit: .limit
            case .timeout: .timeout
            }
        return ConsoleError(code, message, details: details)
    }
}
