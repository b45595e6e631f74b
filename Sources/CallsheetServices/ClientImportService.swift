public import CallsheetDomain
package import CallsheetStore
import Logging

/// `client import`: a spreadsheet export in, clients out — streamed, validated row by
/// row, and written in one transaction (docs/domain.md#administrator-actions).
///
/// By default all-or-nothing: one bad row rejects the import and every bad row is listed
/// by line number. `skipInvalid` imports the good rows and lists the rest. Rows matching
/// an existing client (external id, then phone) are updated with `update`, otherwise
/// reported and left alone. Imports are serialised by an advisory lock so that two of them
/// cannot both insert the same new phone.
public struct ClientImportService: Sendable {
    public struct Options: Sendable {
        public var source: String?
        public var update = false
        public var skipInvalid = false
        public var ignoreUnknown = false
        /// `--map HEADER=FIELD`.
        public var mappings: [String: String] = [:]
        /// Rows staged per round trip.
        public var batchSize = 5000

        public init() {}
    }

    public struct Summary: Sendable, Equatable {
        public var importID: Int
        public var counts: ImportCounts
        /// Rejected and skipped rows, `line N: …`, at most ``ClientImportService/maximumReportedRows``.
        public var report: [String]
    }

    /// Problems listed in a response; the counts always cover all of them.
    public static let maximumReportedRows = 1000

    let database: Database
    public let settings: DirectorySettings

    package init(database: Database, settings: DirectorySettings) {
        self.database = database
        self.settings = settings
    }

    public func run(lines nextLine: @escaping () async throws -> String?, options: Options, as caller: Caller) async throws -> Summary {
        try Authorization.check(caller, .importClients)
        let actor = caller.actingUser
        let stream = CSVRecordStream(nextLine: nextLine)
        guard let headerRow = try await stream.header() else {
            throw ServiceError(.invalid, "the CSV is empty: the first line must be a header such as name,phone,email")
        }
        let header: ClientCSVHeader
        switch ClientCSVHeader.map(headerRow, explicit: options.mappings, ignoreUnknown: options.ignoreUnknown) {
        case .success(let mapped): header = mapped
        case .failure(let problems): throw ServiceError(.invalid, "the CSV header cannot be used: " + problems.summary)
        }
        let country = settings.defaultCountry
        let logger = Logger(label: "callsheet.import")
        let started = ContinuousClock.now
        do {
            return try await database.transaction { tx in
                try await tx.limitStatements(to: tx.importStatementTimeout)
                try await tx.lock(.clientImport)
                let importID = try await tx.beginClientImport(source: options.source, actor: actor)
                var counts = ImportCounts()
                // Only the first problems are kept for the answer; all are counted.
                var problems: [(Int, String)] = []
                var problemCount = 0
                func note(_ line: Int, _ text: String) {
                    problemCount += 1
                    if problems.count < Self.maximumReportedRows { problems.append((line, text)) }
                }
                // Two stages: while a child task validates and encodes one batch, this task
                // reads and parses the next (on two cores the parser and the validation no
                // longer take turns). The console runs imports on ``BulkWorkExecutor``, whose
                // threads the child task inherits; on an event loop both would share one.
                func readBatch() async throws -> [CSVRecordStream.Record] { try await stream.nextBatch(maximum: options.batchSize) }
                try await tx.copyImportRows { sink in
                    var batch = try await readBatch()
                    while !batch.isEmpty {
                        async let staged = Self.stage(batch, header: header, headerWidth: headerRow.count, country: country)
                        let next = try await readBatch()
                        let done = await staged
                        counts.read += done.read
                        for (line, text) in done.problems { note(line, text) }
                        try await sink.write(encoded: done.copyText)
                        batch = next
                    }
                }
                let streamed = ContinuousClock.now
                for duplicate in try await tx.removeDuplicateImportRows() {
                    problemCount += 1
                    problems.append((duplicate.line, "\(duplicate.key) is already on line \(duplicate.firstLine)"))
                }
                problems.sort { $0.0 < $1.0 }
                counts.rejected = problemCount
                var report = problems.prefix(Self.maximumReportedRows).map { "line \($0.0): \($0.1)" }
                if problemCount > report.count { report.append("… and \(problemCount - report.count) more") }
                if problemCount > 0 && !options.skipInvalid {
                    throw ServiceError(.invalid, "\(problemCount) of \(counts.read) rows are invalid; nothing was imported (fix them, or use --skip-invalid)", details: report)
                }
                let checked = ContinuousClock.now
                let matches = try await tx.matchImportRows()
                if options.update {
                    counts.updated = try await tx.updateMatchedClients(importID: importID, actor: actor)
                } else {
                    counts.skipped = matches.count
                    report += matches.prefix(max(0, Self.maximumReportedRows - report.count)).map {
                        "line \($0.line): matches client #\($0.clientID) by \($0.reason); left alone (use --update)"
                    }
                }
                counts.inserted = try await tx.insertNewImportClients(importID: importID, actor: actor)
                counts.doNotCall = try await tx.listImportedDoNotCall(importID: importID, update: options.update, actor: actor)
                try await tx.finishClientImport(importID, counts: counts)
                logger.info(
                    "client import written",
                    metadata: [
                        "import": "\(importID)", "read": "\(counts.read)", "inserted": "\(counts.inserted)",
                        "stream_s": "\(streamed - started)", "duplicates_s": "\(checked - streamed)", "write_s": "\(ContinuousClock.now - checked)",
                    ])
                return Summary(importID: importID, counts: counts, report: report)
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError.from(error)
        }
    }

    /// One batch validated and encoded for `COPY`, with its problems (line, reason).
    struct StagedBatch: Sendable {
        var read: Int
        var problems: [(Int, String)]
        var copyText: ImportRowSink.Encoded
    }

    /// Validates `records` and encodes the good ones; pure, so it can run beside the parser.
    static func stage(_ records: [CSVRecordStream.Record], header: ClientCSVHeader, headerWidth: Int, country: CallingCountry) -> StagedBatch {
        var staged: [ImportRow] = []
        staged.reserveCapacity(records.count)
        var problems: [(Int, String)] = []
        for record in records {
            if record.fields.count > headerWidth, record.fields[headerWidth...].contains(where: { !$0.isEmpty }) {
                problems.append((record.line, "has \(record.fields.count) fields but the header has \(headerWidth)"))
                continue
            }
            let fields = header.fields(of: record.fields)
            switch ClientDraft.validate(fields, defaultCountry: country) {
            case .success(let draft):
                staged.append(
                    ImportRow(
                        line: record.line, draft: draft, segmentGiven: fields.segment?.isEmpty == false,
                        importanceGiven: fields.importance?.isEmpty == false))
            case .failure(let found):
                problems.append((record.line, found.summary))
            }
        }
        return StagedBatch(read: records.count, problems: problems, copyText: ImportRowSink.encode(staged))
    }
}
