public import CallsheetDomain
package import CallsheetStore
import Foundation

/// The do-not-call lists (docs/domain.md#do-not-call): global and per campaign, by phone or by client. A person who
/// asks not to be disturbed is listed at once, and the history says who did it and why.
public struct DoNotCallService: Sendable {
    let database: Database
    public let settings: DirectorySettings

    package init(database: Database, settings: DirectorySettings) {
        self.database = database
        self.settings = settings
    }

    /// `#12` or `client:12` is a client; anything else must be a phone number.
    public func subject(_ text: String) throws -> DoNotCallSubject {
        let lowered = text.lowercased()
        for prefix in ["#", "client:"] where lowered.hasPrefix(prefix) {
            guard let id = Int(lowered.dropFirst(prefix.count)), id > 0 else {
                throw ServiceError(.invalid, "\"\(text)\" is not a client (write #ID, e.g. #12)")
            }
            return .client(id)
        }
        do {
            return .phone(try PhoneNumber.parse(text, defaultCountry: settings.defaultCountry).e164)
        } catch {
            throw ServiceError(.invalid, error.description + " (a client is written #ID)")
        }
    }

    /// Lists `text` (a phone or `#client`). `manager`, for a manager acting for themselves,
    /// bounds what they may list: a client on their own list (an open case or a pending
    /// task of theirs, or the call they hold), a number all of whose clients are theirs, or
    /// a bare number no client has (it cancels nobody's work). Anything that reaches another
    /// manager's client is an administrator's decision (`PERM`). Administrators list anything.
    public func add(_ text: String, campaignID: Int?, reason: String, as caller: Caller) async throws -> DoNotCallListed {
        let manager = try Authorization.listingManager(caller)
        let actor = caller.actingUser
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError(.invalid, "a do-not-call entry needs a --reason (it is shown to whoever checks the number)")
        }
        let subject = try subject(text)
        let added = try await database.useCase { tx in
            if case .client(let id) = subject, try await !tx.clientExists(id) { throw ServiceError(.notFound, "no client #\(id)") }
            if let manager {
                let me = try await tx.requireActiveManager(manager, team: nil)
                let reach = try await tx.doNotCallReach(subject, managerID: me.id)
                if reach.notTheirs > 0 {
                    let whose = if case .client = subject { "\(subject) is not on your list" } else { "\(subject) belongs to \(reach.notTheirs) client(s) not on your list" }
                    throw ServiceError(.permission, "\(whose); a manager lists only their own clients and numbers no client has; ask an administrator")
                }
            }
            return try await tx.addDoNotCall(subject, campaignID: campaignID, reason: reason, actor: actor)
        }
        return DoNotCallListed(subject: subject, added: added)
    }

    /// Unlists `text`; with `reopen`, what the listing closed comes back (``StoreTransaction/reopenDoNotCallWork(_:campaignID:actor:)``).
    public func remove(
        _ text: String, campaignID: Int?, reason: String?, reopen: Bool = false, as caller: Caller
    ) async throws -> DoNotCallUnlisted {
        try Authorization.check(caller, .removeDoNotCall)
        let actor = caller.actingUser
        let subject = try subject(text)
        let (removed, reopened) = try await database.useCase { tx in
            guard try await tx.removeDoNotCall(subject, campaignID: campaignID, reason: reason, actor: actor) else { return (false, (0, 0)) }
            return (true, reopen ? try await tx.reopenDoNotCallWork(subject, campaignID: campaignID, actor: actor) : (0, 0))
        }
        return DoNotCallUnlisted(subject: subject, removed: removed, reopenedCases: reopened.0, reopenedTasks: reopened.1)
    }

    public func check(_ phone: String, as caller: Caller) async throws -> DoNotCallCheck {
        try Authorization.check(caller, .checkDoNotCall)
        let e164: String
        do { e164 = try PhoneNumber.parse(phone, defaultCountry: settings.defaultCountry).e164 } catch {
            throw ServiceError(.invalid, error.description)
        }
        return DoNotCallCheck(phone: e164, listings: try await database.useCase { tx in try await tx.doNotCallListings(forPhone: e164) })
    }

    public func list(campaignID: Int?, globalOnly: Bool, limit: Int, as caller: Caller) async throws -> [DoNotCallListing] {
        try Authorization.check(caller, .listDoNotCall)
        return try await database.useCase { tx in try await tx.doNotCallListings(campaignID: campaignID, globalOnly: globalOnly, limit: limit) }
    }

    /// A `dnc import` column with the reason for each number, as sheets name it.
    static let reasonHeaders: Set<String> = ["reason", "powód", "powod", "причина", "priežastis", "motiv"]

    /// Lists every phone of a CSV (`phone` column, optional `reason`); all or nothing unless
    /// `skipInvalid`. Streamed and set-based (``StoreTransaction/listStagedDoNotCall(campaignID:actor:)``):
    /// memory is bounded by a batch and the first ``ClientImportService/maximumReportedRows``
    /// rejected rows, whatever the file's size; the rest are only counted.
    public func importList(
        lines: @escaping () async throws -> String?, campaignID: Int?, defaultReason: String?, skipInvalid: Bool, as caller: Caller
    ) async throws -> DoNotCallImportSummary {
        try Authorization.check(caller, .importDoNotCall)
        let actor = caller.actingUser
        let stream = CSVRecordStream(nextLine: lines)
        guard let header = try await stream.header() else {
            throw ServiceError(.invalid, "the CSV is empty: the first line must be a header with a phone column")
        }
        // The phone column is found as `client import` finds it (aliases in every known language).
        guard let phoneColumn = header.firstIndex(where: { ClientCSVHeader.field(named: $0) == .phone }) else {
            throw ServiceError(.invalid, "the CSV header has no phone column (phone, telephone, tel or phone_number)")
        }
        let reasonColumn = header.firstIndex { Self.reasonHeaders.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }
        let country = settings.defaultCountry
        return try await database.useCase { tx in
            try await tx.limitStatements(to: tx.importStatementTimeout)
            try await tx.beginDoNotCallImport()
            var summary = DoNotCallImportSummary()
            try await tx.copyDoNotCallRows { sink in
                while true {
                    let batch = try await stream.nextBatch(maximum: 5000)
                    if batch.isEmpty { break }
                    summary.read += batch.count
                    let checked = Self.check(batch, phoneColumn: phoneColumn, reasonColumn: reasonColumn, defaultReason: defaultReason, country: country)
                    for problem in checked.problems { summary.reject(problem) }
                    try await sink.write(checked.rows)
                }
            }
            if summary.rejectedCount > 0 && !skipInvalid {
                throw ServiceError(
                    .invalid, "\(summary.rejectedCount) of \(summary.read) rows are invalid; nothing was imported (fix them, or use --skip-invalid)",
                    details: summary.report)
            }
            summary.added = try await tx.listStagedDoNotCall(campaignID: campaignID, actor: actor)
            summary.already = summary.read - summary.rejectedCount - summary.added
            return summary
        }
    }

    /// Checks one batch: the numbers in E.164 with their reasons, and `line N: …` for the rest.
    static func check(
        _ records: [CSVRecordStream.Record], phoneColumn: Int, reasonColumn: Int?, defaultReason: String?, country: CallingCountry
    )
        -> (rows: [DoNotCallRowSink.Row], problems: [String])
    {
        var rows: [DoNotCallRowSink.Row] = []
        rows.reserveCapacity(records.count)
        var problems: [String] = []
        for record in records {
            let raw = phoneColumn < record.fields.count ? record.fields[phoneColumn] : ""
            let given = reasonColumn.flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
            guard let reason = given.flatMap({ $0.allSatisfy(\.isWhitespace) ? nil : $0 }) ?? defaultReason else {
                problems.append("line \(record.line): no reason (add a reason column or --reason)")
                continue
            }
            do {
                rows.append(.init(line: record.line, e164: try PhoneNumber.parse(raw, defaultCountry: country).e164, reason: reason))
            } catch {
                problems.append("line \(record.line): \(error.description)")
            }
        }
        return (rows, problems)
    }
}

/// What `dnc import` did.
public struct DoNotCallImportSummary: Sendable, Equatable {
    public var read = 0
    /// Numbers newly listed.
    public var added = 0
    /// Valid rows whose number was already listed there (or repeated an earlier row).
    public var already = 0
    /// Every rejected row, counted.
    public private(set) var rejectedCount = 0
    /// The first rejected rows, `line N: …`, and a last line counting the rest.
    public var report: [String] {
        kept + (rejectedCount > kept.count ? ["… and \(rejectedCount - kept.count) more"] : [])
    }

    private var kept: [String] = []

    public init() {}

    mutating func reject(_ problem: String) {
        rejectedCount += 1
        if kept.count < ClientImportService.maximumReportedRows { kept.append(problem) }
    }
}
