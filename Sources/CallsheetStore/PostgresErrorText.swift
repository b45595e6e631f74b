import CallsheetDomain
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

    /// True when the error means the server could not be reached, went away, or is not
    /// taking work now: a refused or dropped connection, or a server that is shutting down,
    /// crashed (57P01/57P02), starting up or in recovery (57P03), or lost the connection (08…).
    public static func isConnectionFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if error.code == .connectionError || error.code == .serverClosedConnection || error.code == .clientClosedConnection
            || error.code == .uncleanShutdown
        {
            return true
        }
        guard let state = sqlState(error) else { return false }
        return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
    }

    /// The SQLSTATE of a server error, e.g. `23505` for a unique violation.
    public static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
