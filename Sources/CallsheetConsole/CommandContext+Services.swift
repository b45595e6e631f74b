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

    /// The person behind this command, as history records them.
    public var actor: ActingUser {
        ActingUser(uid: peer.uid, name: peer.userName, role: peer.role)
    }
}

extension ServiceError: ConsoleReportable {
    public var consoleError: ConsoleError {
        let code: ErrorCode = switch self.code {
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
