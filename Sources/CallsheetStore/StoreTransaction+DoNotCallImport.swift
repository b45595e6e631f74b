public import CallsheetDomain
import NIOCore
import PostgresNIO

/// `dnc import`, set-based, for national registries of millions of numbers: the checked
/// numbers are streamed into a staging table with one `COPY`, then listed with one
/// statement (events, listings and the history of every client with a listed number) and
/// their clients' pending work cancelled with one more — all in the caller's transaction,
/// holding the one do-not-call advisory lock and no lock per number (a lock per number
/// exhausted the server's lock table at about 20,000 numbers).
extension StoreTransaction {
    /// Creates the staging table (dropped at commit). The transaction plans without JIT
    /// (compiling the listing statement cost half a second and saved nothing: it is all
    /// inserts) and sorts the staged numbers in memory (64 MB) instead of on disk.
    public func beginDoNotCallImport() async throws {
        try await lock(.doNotCall)
        try await run("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)")
        try await run("CREATE TEMP TABLE dnc_import_row (line integer NOT NULL, e164 text NOT NULL, reason text NOT NULL) ON COMMIT DROP")
    }

    /// Streams checked numbers into the staging table with one `COPY … FROM STDIN`.
    public func copyDoNotCallRows(_ produce: (DoNotCallRowSink) async throws -> Void) async throws {
        do {
            try await connection.copyFrom(table: "dnc_import_row", columns: ["line", "e164", "reason"], logger: logger) { writer in
                try await produce(DoNotCallRowSink(writer: writer))
            }
        } catch let error as PSQLError {
            throw StoreError.translating(error)
        }
    }

    /// Lists every staged number not yet on the list `campaignID` (nil: global) — the first
    /// line's reason wins when a number repeats; events and listings are written in number
    /// order, so the listing index grows at its right edge — and cancels the pending work of every
    /// client who has a staged number there. Returns how many numbers were newly listed.
    public func listStagedDoNotCall(campaignID: Int?, actor: ActingUser) async throws -> Int {
        // Autovacuum never analyzes temporary tables; the joins below need the real size.
        try await run("ANALYZE dnc_import_row")
        let added = try await collect(
            """
            WITH target AS (
                SELECT DISTINCT ON (r.e164) r.e164, r.reason, r.line FROM dnc_import_row r
                WHERE NOT EXISTS (SELECT 1 FROM dnc_listing l
                                  WHERE l.phone_e164 = r.e164 AND coalesce(l.campaign_id, 0) = coalesce(\(campaignID)::bigint, 0))
                ORDER BY r.e164, r.line
            ), event AS (
                INSERT INTO dnc_event (action, campaign_id, phone_e164, reason, actor_uid, actor_name)
                SELECT 'add', \(campaignID), e164, reason, \(Int(actor.uid)), \(actor.name) FROM target ORDER BY e164
                RETURNING id, at, phone_e164, reason
            ), listing AS (
                INSERT INTO dnc_listing (campaign_id, phone_e164, since, reason, added_by, event_id)
                SELECT \(campaignID), phone_e164, at, reason, \(actor.label), id FROM event
                RETURNING 1
            ), history AS (
                INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
                SELECT p.client_id, \(Int(actor.uid)), \(actor.name), 'do-not-call',
                       jsonb_build_object('summary', 'number ' || e.phone_e164 || ' ' || \(Self.listedPhrase(campaignID: campaignID)) || e.reason)
                FROM event e JOIN client_phone p ON p.e164 = e.phone_e164
            )
            SELECT count(*)::int FROM listing
            """
        ) { try $0.decode(Int.self) }[0]
        try await run(
            """
            WITH target AS (
                SELECT DISTINCT p.client_id FROM dnc_import_row r JOIN client_phone p ON p.e164 = r.e164
            ), closed AS (
                UPDATE campaign_case c SET state = 'do-not-call', closed_at = now(), close_reason = 'do-not-call'
                WHERE c.state = 'open' AND c.client_id IN (SELECT client_id FROM target)
                  AND (\(campaignID)::bigint IS NULL OR c.campaign_id = \(campaignID))
            )
            UPDATE task t SET state = 'cancelled', closed_at = now()
            WHERE t.state = 'pending' AND t.client_id IN (SELECT client_id FROM target)
              AND (\(campaignID)::bigint IS NULL OR t.campaign_id = \(campaignID))
            """)
        return added
    }
}

/// Writes checked do-not-call numbers as `COPY` text-format lines.
public struct DoNotCallRowSink {
    let writer: PostgresCopyFromWriter

    /// One number: its line in the file, E.164 form and reason.
    public struct Row: Sendable {
        public var line: Int
        public var e164: String
        public var reason: String
        public init(line: Int, e164: String, reason: String) {
            self.line = line
            self.e164 = e164
            self.reason = reason
        }
    }

    public func write(_ rows: [Row]) async throws {
        guard !rows.isEmpty else { return }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * 48)
        for row in rows {
            buffer.writeString(String(row.line))
            buffer.writeInteger(UInt8(ascii: "\t"))
            ImportRowSink.writeField(row.e164, to: &buffer)
            buffer.writeInteger(UInt8(ascii: "\t"))
            ImportRowSink.writeField(row.reason, to: &buffer)
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        try await writer.write(buffer)
    }
}
