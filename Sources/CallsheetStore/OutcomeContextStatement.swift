public import CallsheetDomain
import Foundation
import PostgresNIO

/// What `outcome` must know before it decides anything, read and locked in one prepared
/// statement: the acting manager (active, by login), the task (locked `FOR UPDATE`, so a
/// concurrent outcome or lease sweep waits) and its campaign's calendar and workflow id.
/// No row when the manager or the task does not exist; the caller then says which.
struct OutcomeContextStatement: PostgresPreparedStatement {
    /// The reading without its lock (``OutcomeContextPeekStatement`` runs it as it is).
    static let select = """
        SELECT \(StoreTransaction.taskColumns), m.id, m.time_zone, g.workflow_version_id, g.working_days::int[], g.holidays::text[],
               g.event_day::int
        FROM manager m, task t JOIN campaign g ON g.id = t.campaign_id
        WHERE m.login = $1 AND m.active AND t.id = $2
        """
    static let sql = select + "\nFOR UPDATE OF t"

    static let bindingDataTypes: [PostgresDataType] = [.text, .int8]

    typealias Row = (task: TaskRecord, managerID: Int, managerZone: String, workflowVersion: Int, workingDays: [Int], holidays: [String], eventDay: Int?)

    var login: String
    var taskID: Int

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(login)
        bindings.append(taskID)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let cells = PostgresRandomAccessRow(row)
        let base = StoreTransaction.taskColumnCount
        return (
            try StoreTransaction.task(row), try cells[base].decode(Int.self, context: .default),
            try cells[base + 1].decode(String.self, context: .default), try cells[base + 2].decode(Int.self, context: .default),
            try cells[base + 3].decode([Int].self, context: .default), try cells[base + 4].decode([String].self, context: .default),
            try cells[base + 5].decode(Int?.self, context: .default)
        )
    }
}

/// The same reading without the row lock, for the outcome's optimistic path: outside a
/// transaction a lock would be taken (and logged) only to be released at once; the write
/// that follows checks by itself that the task is still the manager's pending claim.
struct OutcomeContextPeekStatement: PostgresPreparedStatement {
    static let sql = OutcomeContextStatement.select
    static let bindingDataTypes = OutcomeContextStatement.bindingDataTypes

    typealias Row = OutcomeContextStatement.Row

    var reading: OutcomeContextStatement

    func makeBindings() throws -> PostgresBindings { try reading.makeBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row { try reading.decodeRow(row) }
}

extension StoreTransaction {
    /// Locks task `taskID` for `login` (an active manager) and reads what its outcome needs
    /// (`locking: false` reads without the lock); nil when either does not exist.
    public func outcomeContext(login: String, taskID: Int, locking: Bool = true) async throws -> OutcomeContext? {
        let reading = OutcomeContextStatement(login: login, taskID: taskID)
        let rows = locking ? try await execute(reading) : try await execute(OutcomeContextPeekStatement(reading: reading))
        guard let row = rows.first else { return nil }
        return OutcomeContext(
            task: row.task, managerID: row.managerID, managerTimeZone: row.managerZone,
            workflow: try await workflow(version: row.workflowVersion),
            workingDays: Set(row.workingDays.compactMap(Weekday.init(rawValue:))),
            holidays: Set(row.holidays.compactMap { LocalDate(iso: $0) }), eventDay: row.eventDay.flatMap(Weekday.init(rawValue:)))
    }
}
