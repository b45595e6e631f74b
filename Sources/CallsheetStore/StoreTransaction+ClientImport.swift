public import CallsheetDomain
import NIOCore
import PostgresNIO

/// A validated CSV row waiting in the import's staging table.
public struct ImportRow: Sendable {
    public var line: Int
    public var draft: ClientDraft
    /// Whether the file gave a segment / importance (an update must not reset them to defaults).
    public var segmentGiven: Bool
    public var importanceGiven: Bool

    public init(line: Int, draft: ClientDraft, segmentGiven: Bool, importanceGiven: Bool) {
        self.line = line
        self.draft = draft
        self.segmentGiven = segmentGiven
        self.importanceGiven = importanceGiven
    }
}

/// The client import, set-based: rows are streamed into a temporary staging table with
/// `COPY`, then duplicates, matches and inserts are each one
/// statement — all inside the caller's single transaction, so an import is all or nothing.
extension StoreTransaction {
    /// Creates the staging table and the import's record. Each staged row draws its client id
    /// from `client.id`'s identity sequence, named as a constant (`client_id_seq`, resolved
    /// once when the table is created): `nextval(pg_get_serial_sequence(…))` looked the
    /// sequence up in the catalog for every row — 13 % of PostgreSQL's CPU in a large import.
    public func beginClientImport(source: String?, actor: ActingUser) async throws -> Int {
        try await run(
            """
            CREATE TEMP TABLE import_row (
                line integer PRIMARY KEY, name text NOT NULL, contact text, email text, segment text, tags text,
                importance integer, time_zone text, external_id text, notes text,
                p1_e164 text NOT NULL, p1_ext text, p1_raw text NOT NULL, p1_country text,
                p2_e164 text, p2_ext text, p2_raw text, p2_country text,
                dnc_status text, status_tag text,
                match_id bigint, match_reason text,
                new_id bigint NOT NULL DEFAULT nextval('client_id_seq')
            ) ON COMMIT DROP
            """)
        return try await collect(
            """
            INSERT INTO client_import (source, actor_uid, actor_name) VALUES (\(source), \(Int(actor.uid)), \(actor.name)) RETURNING id
            """
        ) { try $0.decode(Int.self) }[0]
    }

    /// Streams staged rows into the import's staging table with one `COPY … FROM STDIN`:
    /// `produce` hands batches to the sink while PostgreSQL is still consuming the previous
    /// ones, so parsing and writing overlap.
    public func copyImportRows(_ produce: (ImportRowSink) async throws -> Void) async throws {
        do {
            try await connection.copyFrom(table: "import_row", columns: ImportRowSink.columns, logger: logger) { writer in
                try await produce(ImportRowSink(writer: writer))
            }
        } catch let error as PSQLError {
            throw StoreError.translating(error)
        }
    }

    /// Removes rows that repeat an earlier row's phone or external id; returns (line, earlier line, what).
    public func removeDuplicateImportRows() async throws -> [(line: Int, firstLine: Int, key: String)] {
        // Autovacuum never analyzes temporary tables: without this the planner takes the
        // staged million rows for a few hundred in every statement that follows.
        try await run("ANALYZE import_row")
        return try await collect(
            """
            WITH keys AS (
                SELECT line, 'phone ' || p1_e164 AS k FROM import_row
                UNION ALL SELECT line, 'phone ' || p2_e164 FROM import_row WHERE p2_e164 IS NOT NULL
                UNION ALL SELECT line, 'external id ' || external_id FROM import_row WHERE external_id IS NOT NULL
            ), firsts AS (
                SELECT k, min(line) AS first_line FROM keys GROUP BY k HAVING count(*) > 1
            ), duplicates AS (
                SELECT DISTINCT ON (keys.line) keys.line, firsts.first_line, keys.k
                FROM keys JOIN firsts USING (k) WHERE keys.line > firsts.first_line
                ORDER BY keys.line, firsts.first_line
            ), removed AS (
                DELETE FROM import_row r USING duplicates d WHERE r.line = d.line RETURNING r.line
            )
            SELECT line, first_line, k FROM duplicates ORDER BY line
            """
        ) { row in
            let (line, first, key) = try row.decode((Int, Int, String).self)
            return (line, first, key)
        }
    }

    /// Matches staged rows to existing clients, by external id first, then by phone.
    public func matchImportRows() async throws -> [(line: Int, clientID: Int, reason: String)] {
        try await run(
            """
            UPDATE import_row r SET match_id = c.id, match_reason = 'external id ' || c.external_id
            FROM client c WHERE c.external_id = r.external_id
            """)
        try await run(
            """
            UPDATE import_row r SET match_id = m.client_id, match_reason = 'phone ' || m.e164
            FROM (SELECT DISTINCT ON (k.line) k.line, p.client_id, p.e164
                  FROM (SELECT line, p1_e164 AS e164 FROM import_row WHERE match_id IS NULL
                        UNION ALL SELECT line, p2_e164 FROM import_row WHERE match_id IS NULL AND p2_e164 IS NOT NULL) k
                  JOIN client_phone p ON p.e164 = k.e164
                  ORDER BY k.line, p.client_id) m
            WHERE r.line = m.line
            """)
        return try await collect("SELECT line, match_id, match_reason FROM import_row WHERE match_id IS NOT NULL ORDER BY line") { row in
            let (line, id, reason) = try row.decode((Int, Int, String).self)
            return (line, id, reason)
        }
    }

    /// Updates matched clients from their rows (fields the row gives; phones it adds), each
    /// with a history entry holding the old and new value of every changed field. Returns
    /// clients updated.
    public func updateMatchedClients(importID: Int, actor: ActingUser) async throws -> Int {
        let updated = try await collect(
            """
            WITH updated AS (
                UPDATE client c SET
                    name = r.name, contact = coalesce(r.contact, c.contact), email = coalesce(r.email, c.email),
                    segment = coalesce(r.segment, c.segment),
                    tags = CASE WHEN r.status_tag IS NULL THEN CASE WHEN r.tags = '' THEN c.tags ELSE string_to_array(r.tags, '|') END
                                ELSE array(SELECT t FROM unnest(CASE WHEN r.tags = '' THEN c.tags ELSE string_to_array(r.tags, '|') END) t
                                           WHERE t NOT LIKE 'status:%') || r.status_tag END,
                    importance = coalesce(r.importance, c.importance), time_zone = coalesce(r.time_zone, c.time_zone),
                    external_id = coalesce(c.external_id, r.external_id), notes = coalesce(r.notes, c.notes), updated_at = now()
                FROM import_row r, (SELECT x.id, to_jsonb(x) AS old FROM client x
                                    WHERE x.id IN (SELECT match_id FROM import_row WHERE match_id IS NOT NULL)) b
                WHERE r.match_id = c.id AND b.id = c.id
                RETURNING c.id, r.line, callsheet_field_changes(b.old, to_jsonb(c), \(Self.editableColumns)::text[]) AS changes
            ), history AS (
                INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
                SELECT id, \(Int(actor.uid)), \(actor.name), 'updated',
                       jsonb_build_object('summary', 'updated by import ' || \(importID)::text || ', line ' || line
                                                     || coalesce(': ' || callsheet_changes_text(changes), ''),
                                          'changes', changes)
                FROM updated
            )
            SELECT count(*)::int FROM updated
            """
        ) { try $0.decode(Int.self) }[0]
        try await run(
            """
            INSERT INTO client_phone (client_id, position, e164, extension, raw, country)
            SELECT x.client_id, coalesce((SELECT max(position) FROM client_phone p WHERE p.client_id = x.client_id), 0)
                                + row_number() OVER (PARTITION BY x.client_id ORDER BY x.line, x.n), x.e164, x.ext, x.raw, x.country
            FROM (SELECT match_id AS client_id, line, 1 AS n, p1_e164 AS e164, p1_ext AS ext, p1_raw AS raw, p1_country AS country
                  FROM import_row WHERE match_id IS NOT NULL
                  UNION ALL
                  SELECT match_id, line, 2, p2_e164, p2_ext, p2_raw, p2_country FROM import_row WHERE match_id IS NOT NULL AND p2_e164 IS NOT NULL) x
            WHERE NOT EXISTS (SELECT 1 FROM client_phone p WHERE p.client_id = x.client_id AND p.e164 = x.e164)
            """)
        return updated
    }

    /// Inserts the unmatched rows as new clients with their phones and history. Returns how many.
    public func insertNewImportClients(importID: Int, actor: ActingUser) async throws -> Int {
        // Counted in PostgreSQL: a million-row import sends one row back, not a million.
        // No ORDER BY: ids were drawn in file order as the rows were staged, and a temporary
        // table is read in the order it was written (sorting a million rows spilled to disk).
        let inserted = try await collect(
            """
            WITH inserted AS (
                INSERT INTO client (id, name, contact, email, segment, tags, importance, time_zone, external_id, notes, import_id, import_line)
                OVERRIDING SYSTEM VALUE
                SELECT new_id, name, contact, email, coalesce(segment, 'company'),
                       CASE WHEN tags = '' THEN '{}'::text[] ELSE string_to_array(tags, '|') END
                           || CASE WHEN status_tag IS NULL THEN '{}'::text[] ELSE ARRAY[status_tag] END,
                       coalesce(importance, 0), time_zone, external_id, notes, \(importID), line
                FROM import_row WHERE match_id IS NULL
                RETURNING 1
            ) SELECT count(*)::int FROM inserted
            """
        ) { try $0.decode(Int.self) }[0]
        try await run(
            """
            INSERT INTO client_phone (client_id, position, e164, extension, raw, country)
            SELECT new_id, 1, p1_e164, p1_ext, p1_raw, p1_country FROM import_row WHERE match_id IS NULL
            UNION ALL
            SELECT new_id, 2, p2_e164, p2_ext, p2_raw, p2_country FROM import_row WHERE match_id IS NULL AND p2_e164 IS NOT NULL
            """)
        return inserted
    }

    /// Lists on the global do-not-call list every client whose row's status says so — new
    /// clients, and matched ones when `update` — with the history and cancellations a
    /// `dnc add` makes (``cancelPendingWork(clients:withPhone:campaignID:)``),
    /// set-based. Returns how many clients were listed (already listed ones are left as they are).
    public func listImportedDoNotCall(importID: Int, update: Bool, actor: ActingUser) async throws -> Int {
        try await lock(.doNotCall)
        let listed = try await collect(
            """
            WITH target AS (
                SELECT DISTINCT ON (client_id) client_id, line, dnc_status
                FROM (SELECT coalesce(match_id, new_id) AS client_id, line, dnc_status FROM import_row
                      WHERE dnc_status IS NOT NULL AND (match_id IS NULL OR \(update))) r
                WHERE NOT EXISTS (SELECT 1 FROM dnc_listing l WHERE l.client_id = r.client_id AND l.campaign_id IS NULL)
                ORDER BY client_id, line
            ), event AS (
                INSERT INTO dnc_event (action, client_id, reason, actor_uid, actor_name)
                SELECT 'add', client_id, 'import ' || \(importID)::text || ', line ' || line || ': status "' || dnc_status || '"',
                       \(Int(actor.uid)), \(actor.name)
                FROM target
                RETURNING id, at, client_id, reason
            ), listing AS (
                INSERT INTO dnc_listing (client_id, since, reason, added_by, event_id)
                SELECT client_id, at, reason, \(actor.label), id FROM event
                RETURNING client_id
            ), history AS (
                INSERT INTO client_event (client_id, actor_uid, actor_name, kind, detail)
                SELECT client_id, \(Int(actor.uid)), \(actor.name), 'do-not-call',
                       jsonb_build_object('summary', \(Self.listedPhrase(campaignID: nil)) || reason)
                FROM event
            )
            SELECT client_id FROM listing
            """
        ) { try $0.decode(Int.self) }
        // Only clients matched with --update can have work pending: new ones were just inserted.
        if update, !listed.isEmpty { try await cancelPendingWork(clients: listed, withPhone: nil, campaignID: nil) }
        return listed.count
    }

    public func finishClientImport(_ id: Int, counts: ImportCounts) async throws {
        try await run(
            """
            UPDATE client_import SET rows_read = \(counts.read), inserted = \(counts.inserted), updated = \(counts.updated),
                                     skipped = \(counts.skipped), rejected = \(counts.rejected)
            WHERE id = \(id)
            """)
    }
}

/// Writes staged import rows as `COPY` text-format lines (tab-separated, `\N` for null).
public struct ImportRowSink {
    static let columns = [
        "line", "name", "contact", "email", "segment", "tags", "importance", "time_zone", "external_id", "notes",
        "p1_e164", "p1_ext", "p1_raw", "p1_country", "p2_e164", "p2_ext", "p2_raw", "p2_country",
        "dnc_status", "status_tag",
    ]

    let writer: PostgresCopyFromWriter

    /// Sends rows encoded by ``encode(_:)`` (which may run on another task).
    public func write(encoded rows: Encoded) async throws {
        guard rows.text.readableBytes > 0 else { return }
        try await writer.write(rows.text)
    }

    /// Rows in `COPY` text format, ready to send.
    public struct Encoded: Sendable {
        var text: ByteBuffer
    }

    /// Rows in `COPY` text format, one line each, in ``columns`` order.
    public static func encode(_ rows: [ImportRow]) -> Encoded {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * 160)
        for row in rows {
            let d = row.draft
            let p1 = d.phones[0]
            let p2 = d.phones.count > 1 ? d.phones[1] : nil
            buffer.writeString(String(row.line))
            for field in [
                d.name, d.contact, d.email, row.segmentGiven ? d.segment.rawValue : nil, d.tags.joined(separator: "|"),
                row.importanceGiven ? String(d.importance) : nil, d.timeZone, d.externalID, d.notes,
                p1.number.e164, p1.number.extensionDigits, p1.raw, p1.number.country,
                p2?.number.e164, p2?.number.extensionDigits, p2?.raw, p2?.number.country,
                d.status?.doNotCallValue, d.status?.tag,
            ] {
                buffer.writeInteger(UInt8(ascii: "\t"))
                Self.writeField(field, to: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return Encoded(text: buffer)
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped; nil is `\N`.
    static func writeField(_ value: String?, to buffer: inout ByteBuffer) {
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        if !value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
