import CallsheetClient
import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Synchronization
import Testing

/// Eight managers claiming and recording outcomes in a loop against a real daemon while a
/// fault is injected; what each was answered, and when.
///
/// A manager retries `next` after `ERR UNAVAILABLE`/`ERR TIMEOUT`, and retries an outcome
/// with the same `--request-id` until it is answered `OK` (the replay of one that was
/// recorded before the fault) — what a careful script or the web page does.
struct CallLoopUnderFault {
    struct Tally: Sendable {
        /// (manager, task) of every `next` that returned a task.
        var claims: [(String, Int)] = []
        /// Tasks whose outcome was answered OK.
        var recorded: [Int] = []
        /// When each OK answer (next or outcome) arrived.
        var okTimes: [ContinuousClock.Instant] = []
        var unavailable = 0
        var timeouts = 0
        /// Any other error, with its status line: each is a failure of the test.
        var unexpected: [String] = []
        var unavailableMessages: Set<String> = []
    }

    static let managers = (1...8).map { "c\($0)" }

    /// Set by the test when the loops should end.
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }

    /// The daemon config: workflows, no re-call gap, short lease wait so faults answer fast.
    static func config(extra: String = "") -> String {
        DaemonFixture.config() + "calls:\n  min_gap_minutes: 0\ndatabase:\n  lease_timeout_seconds: 3\n" + extra
    }

    /// `clients` clients of one campaign, all due now in one queue shared by the team.
    static func seed(_ url: DatabaseURL, through daemon: DaemonProcess, clients: Int) async throws {
        for line in ["admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa --capacity 100000"]
            + managers.map({ "manager add \($0) --name \($0) --admin ewa" })
            + ["campaign create seminar --workflow seminar-weekly --admin ewa"]
        {
            let reply = try await DaemonHarness.run(line, on: daemon)
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
        try await TestDatabase.withPool(url: url) { database in
            try await database.withTransaction { connection in
                try await connection.query("INSERT INTO client (name) SELECT 'Client ' || g FROM generate_series(1, \(clients)) g", logger: database.logger)
                try await connection.query("INSERT INTO campaign_client (campaign_id, client_id) SELECT 1, id FROM client", logger: database.logger)
            }
        }
        let thisWeek = ISOWeek(containing: LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400)))
        for line in ["campaign set seminar --calling-hours 00:00-24:00 --working-days mon-sun", "wave open seminar --week \(thisWeek)"] {
            let reply = try await DaemonHarness.run(line, on: daemon)
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
        // Everyone's calls become anna's overdue call-backs, escalated to the whole team.
        _ = try await DaemonFixture.count(
            "WITH u AS (UPDATE task SET manager_id = 1, personal = true, origin = 'callback', due_at = now() - interval '3 hours', "
                + "due_on = current_date - 1 RETURNING 1) SELECT count(*)::int FROM u", url)
    }

    /// Runs the loop on every manager until `stop` is set (or the queue is empty after it).
    static func run(on daemon: DaemonProcess, stop: StopFlag) async throws -> Tally {
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for manager in managers {
                group.addTask { try await loop(manager, on: daemon, stop: stop) }
            }
            return try await group.reduce(into: [Tally]()) { $0.append($1) }
        }
        var all = Tally()
        for tally in tallies {
            all.claims += tally.claims
            all.recorded += tally.recorded
            all.okTimes += tally.okTimes
            all.unavailable += tally.unavailable
            all.timeouts += tally.timeouts
            all.unexpected += tally.unexpected
            all.unavailableMessages.formUnion(tally.unavailableMessages)
        }
        return all
    }

    private static func loop(_ manager: String, on daemon: DaemonProcess, stop: StopFlag) async throws -> Tally {
        var tally = Tally()
        try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { console in
            while !stop.isSet {
                let reply = try await console.run("next --as \(manager)")
                guard reply.isOK else {
                    note(reply, in: &tally)
                    try await Task.sleep(for: .milliseconds(100))
                    continue
                }
                tally.okTimes.append(.now)
                guard let id = reply.field("task").flatMap(Int.init) else {
                    try await Task.sleep(for: .milliseconds(50))
                    continue
                }
                tally.claims.append((manager, id))
                while true {
                    let done = try await console.run("outcome \(id) refused --request-id \(manager)-\(id) --as \(manager)")
                    if done.isOK {
                        tally.recorded.append(id)
                        tally.okTimes.append(.now)
                        break
                    }
                    note(done, in: &tally)
                    if done.errorCode != "UNAVAILABLE" && done.errorCode != "TIMEOUT" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        return tally
    }

    private static func note(_ reply: ConsoleReply, in tally: inout Tally) {
        switch reply.errorCode {
        case "UNAVAILABLE":
            tally.unavailable += 1
            tally.unavailableMessages.insert(reply.status)
        case "TIMEOUT": tally.timeouts += 1
        default: tally.unexpected.append(reply.status)
        }
    }

    /// What the database holds afterwards: every OK outcome once, no task claimed by two.
    static func checkDatabase(_ url: DatabaseURL, against tally: Tally) async throws {
        #expect(tally.unexpected.isEmpty, "\(tally.unexpected.prefix(5))")
        var owner: [Int: String] = [:]
        for (manager, task) in tally.claims {
            if let first = owner[task], first != manager { Issue.record("task \(task) was handed to \(first) and \(manager)") }
            owner[task] = manager
        }
        #expect(Set(tally.recorded).count == tally.recorded.count, "an outcome answered OK twice for one task")
        let calls = try await DaemonFixture.count("SELECT count(*)::int FROM call", url)
        let distinct = try await DaemonFixture.count("SELECT count(DISTINCT task_id)::int FROM call", url)
        #expect(calls == distinct, "no outcome recorded twice: \(calls) calls for \(distinct) tasks")
        let list = tally.recorded.map(String.init).joined(separator: ",")
        if !list.isEmpty {
            let stored = try await DaemonFixture.count("SELECT count(DISTINCT task_id)::int FROM call WHERE task_id IN (\(list))", url)
            #expect(stored == tally.recorded.count, "every outcome answered OK is in the database")
            let done = try await DaemonFixture.count("SELECT count(*)::int FROM task WHERE state = 'done' AND id IN (\(list))", url)
            #expect(done == tally.recorded.count)
        }
    }
}
