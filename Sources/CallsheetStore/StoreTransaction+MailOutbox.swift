public import CallsheetDomain
public import Foundation
import PostgresNIO

/// The mail outbox: one row per message; scheduled ones unique per kind, person and day.
extension StoreTransaction {
    /// Adds a message; false when the scheduled message of that kind, person and day (or a
    /// message with that id) is there already. `skipped`: recorded, never sent (nothing to do).
    public func enqueueMail(
        kind: String, login: String?, address: String, day: LocalDate?, subject: String, message: String, messageID: String, dueAt: Date, giveUpAt: Date,
        skipped: Bool = false
    ) async throws -> Bool {
        try await !collect(
            """
            INSERT INTO mail_outbox (kind, login, address, day, subject, message, message_id, next_attempt_at, give_up_at, state)
            VALUES (\(kind), \(login), \(address), \(day?.description)::date, \(subject), \(message), \(messageID), \(dueAt), \(giveUpAt),
                    \(skipped ? "skipped" : "pending"))
            ON CONFLICT DO NOTHING RETURNING 1
            """
        ) { _ in 1 }.isEmpty
    }

    /// A message sent at once (`mail send`, `mail test`): stored as `sending` with its first
    /// attempt, so no scheduler claims it while the relay is talking; answers its id.
    public func insertSendingMail(
        kind: String, login: String?, address: String, day: LocalDate?, subject: String, message: String, messageID: String, now: Date, giveUpAt: Date
    ) async throws -> Int {
        let ids = try await collect(
            """
            INSERT INTO mail_outbox (kind, login, address, day, subject, message, message_id, state, attempts, sending_since, next_attempt_at, give_up_at)
            VALUES (\(kind), \(login), \(address), \(day?.description)::date, \(subject), \(message), \(messageID), 'sending', 1, \(now), \(now), \(giveUpAt))
            RETURNING id
            """
        ) { try $0.decode(Int.self) }
        guard let id = ids.first else { throw StoreError(.invalid, "the message was not stored") }
        return id
    }

    /// Claims the next message due at `now` (`FOR UPDATE SKIP LOCKED`: each goes to one
    /// sender), marking it `sending`; first puts back messages left `sending` for ten minutes.
    public func claimMail(now: Date) async throws -> MailOutboxRecord? {
        try await run(
            "UPDATE mail_outbox SET state = 'pending', sending_since = NULL WHERE state = 'sending' AND sending_since < \(now) - interval '10 minutes'")
        return try await collect(
            """
            UPDATE mail_outbox SET state = 'sending', sending_since = \(now), attempts = attempts + 1
            WHERE id = (
                SELECT id FROM mail_outbox WHERE state = 'pending' AND next_attempt_at <= \(now)
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, login, address, day::text, subject, message, message_id, state, attempts, last_error, created_at, sent_at, give_up_at
            """
        ) { try Self.outboxRecord($0) }.first
    }

    /// Whether the scheduled message of that kind, person and day is in the outbox already.
    public func mailQueued(kind: String, login: String, day: LocalDate) async throws -> Bool {
        try await !collect(
            "SELECT 1 FROM mail_outbox WHERE kind = \(kind) AND login = \(login) AND day = \(day.description)::date"
        ) { _ in 1 }.isEmpty
    }

    /// After the relay accepted it.
    public func markMailSent(id: Int, reply: String) async throws {
        try await run("UPDATE mail_outbox SET state = 'sent', sent_at = now(), sending_since = NULL, last_error = \(reply) WHERE id = \(id)")
    }

    /// A temporary failure: again at `next`, unless past its give-up time (then failed).
    public func retryMail(id: Int, error: String, next: Date) async throws {
        try await run(
            """
            UPDATE mail_outbox SET sending_since = NULL, last_error = \(error), next_attempt_at = \(next),
                state = CASE WHEN \(next) > give_up_at THEN 'failed' ELSE 'pending' END
            WHERE id = \(id)
            """)
    }

    /// A permanent failure, with the relay's answer.
    public func failMail(id: Int, error: String) async throws {
        try await run("UPDATE mail_outbox SET state = 'failed', sending_since = NULL, last_error = \(error) WHERE id = \(id)")
    }

    /// The newest messages (failed ones only with `failedOnly`).
    public func mailOutbox(failedOnly: Bool, limit: Int) async throws -> [MailOutboxRecord] {
        try await collect(
            """
            SELECT id, kind, login, address, day::text, subject, '' AS message, message_id, state, attempts, last_error, created_at, sent_at, give_up_at
            FROM mail_outbox WHERE NOT \(failedOnly) OR state = 'failed'
            ORDER BY id DESC LIMIT \(limit)
            """
        ) { try Self.outboxRecord($0) }
    }

    static func outboxRecord(_ row: PostgresRow) throws -> MailOutboxRecord {
        let (id, kind, login, address, day, subject, message, messageID, state, attempts, error, created, sent, giveUp) = try row.decode(
            (Int, String, String?, String, String?, String, String, String, String, Int, String?, Date, Date?, Date).self)
        return MailOutboxRecord(
            id: id, kind: kind, login: login, address: address, day: day.flatMap { LocalDate(iso: $0) }, subject: subject, message: message,
            messageID: messageID, state: state, attempts: attempts, lastError: error, createdAt: created, sentAt: sent, giveUpAt: giveUp)
    }
}
