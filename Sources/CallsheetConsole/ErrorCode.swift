/// The fixed list of error codes a console response may carry (`ERR <CODE> <message>`).
///
/// Scripts branch on these codes, so a code never changes meaning and none is ever
/// removed; only the message text may improve. `docs/console.md` documents each one.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    /// The line could not be parsed: bad quoting, missing or unknown option, bad value shape.
    case syntax = "SYNTAX"
    /// The first word(s) name no command.
    case unknownCommand = "UNKNOWN_COMMAND"
    /// The caller's role (or bound manager) may not do this.
    case permission = "PERM"
    /// A named thing (client, manager, campaign, task…) does not exist.
    case notFound = "NOT_FOUND"
    /// The request contradicts the current state (already exists, already done, held by another).
    case conflict = "CONFLICT"
    /// Well-formed but wrong data: a bad phone number, a CSV with bad rows, an outcome not allowed here.
    case invalid = "INVALID"
    /// A configured limit was hit: line length, payload size, connections, open call-backs.
    case limit = "LIMIT"
    /// The daemon is shutting down or otherwise cannot take the request now; retry later.
    case busy = "BUSY"
    /// Nothing arrived in time: an idle session, a stalled payload.
    case timeout = "TIMEOUT"
    /// The database cannot be reached.
    case unavailable = "UNAVAILABLE"
    /// A bug or an unexpected failure; the daemon log has the details.
    case `internal` = "INTERNAL"
}
