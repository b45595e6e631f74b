public import CallsheetDomain
public import Foundation

/// Where workflow definitions come from: the daemon reads `workflows_dir` on every use, so
/// a new or edited file is picked up by the next `campaign create` without a restart
/// (running campaigns keep their snapshot).
public struct WorkflowSource: Sendable {
    let load: @Sendable () throws -> [Workflow]

    /// `load` returns every valid workflow or throws an error whose text names the file and key.
    public init(load: @escaping @Sendable () throws -> [Workflow]) {
        self.load = load
    }

    /// No workflows at all (protocol tests without files).
    public static let none = WorkflowSource { [] }

    func all() throws(ServiceError) -> [Workflow] {
        do {
            return try load()
        } catch {
            throw ServiceError(.invalid, "workflow files: \(error)")
        }
    }

    func named(_ name: String) throws(ServiceError) -> Workflow {
        let all = try all()
        guard let workflow = all.first(where: { $0.name == name }) else {
            let known = all.map(\.name).joined(separator: ", ")
            throw ServiceError(.notFound, "no workflow '\(name)' (known: \(known.isEmpty ? "none" : known))")
        }
        return workflow
    }
}

/// Campaign-wide settings from the daemon's configuration (`calendar:` section).
public struct CampaignSettings: Sendable {
    public var workflows: WorkflowSource
    /// `calendar.holidays`: public holidays for every campaign, added to each campaign's own.
    public var globalHolidays: Set<LocalDate>
    /// `calendar.time_zone`: the zone "today" is taken in when a wave or assignment is
    /// dated (default: the daemon's). Calling hours use each client's own zone.
    public var timeZone: TimeZone
    /// Now; injectable so tests run in domain time without sleeping.
    public var clock: @Sendable () -> Date

    public init(
        workflows: WorkflowSource = .none, globalHolidays: Set<LocalDate> = [], timeZone: TimeZone = .current,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.workflows = workflows
        self.globalHolidays = globalHolidays
        self.timeZone = timeZone
        self.clock = clock
    }

    /// Today's date in ``timeZone``.
    public var today: LocalDate { LocalDate(clock(), in: timeZone) }
}
