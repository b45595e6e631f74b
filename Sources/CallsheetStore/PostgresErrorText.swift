import PostgresNIO

/// Human text for PostgresNIO's errors, whose `description` deliberately hides the
/// server's message (it may contain data).
public enum PostgresErrorText {
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return message + detail
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// True when the error means the server could not be reached at all.
    public static func isConnectionFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return error.code == .connectionError || error.code == .serverClosedConnection || error.code == .clientClosedConnection
    }

    /// The SQLSTATE of a server error, e.g. `23505` for a unique violation.
    public static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
