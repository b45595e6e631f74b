import CallsheetClient
import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// Who may take calls, calling hours across zones, caps and the re-call gap, leases,
/// escalation, idempotency and do-not-call at fetch time.
@Suite struct CallRulesTests {
    static func at(_ iso: String, _ database: Database, callSettings: CallSettings = CallSettings()) -> ConsoleTestSession {
        CallLoopFixture.at(iso, database, callSettings: callSettings)
    }

    @Test func rolesDecideWhoActsForWhom() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 4, managers: ["anna", "bart"])
            let s = Self.at("2026-11-23T09:00:00Z", database)
            #expect(await s.run("next --as bart", role: .manager) == ["ERR PERM you work as manager 'anna'; only administrators act for another manager (--as)"])
            #expect(await s.run("next", role: .viewer).last?.hasPrefix("ERR PERM 'next' needs the manager role") == true)
            #expect(await s.run("next", role: .admin) == ["ERR SYNTAX 'next' as an administrator needs --as LOGIN (the manager you act for)"])
            #expect(await s.run("agenda --manager bart", role: .manager) == ["ERR PERM a manager sees only their own agenda"])
            let task = try #require(await s.replies(["next"], role: .manager)[0].field("task"))
            #expect(
                await s.run("outcome \(task) refused --as bart", role: .admin) == [
                    "ERR CONFLICT task \(task) is held by another manager (a lease that ran out goes back to the queue); nothing was recorded"
                ])
            #expect(
                await s.run("outcome \(task) maybe", role: .manager) == [
                    "ERR INVALID 'maybe' is not an outcome of step 'offer' (allowed: agreed, refused, no-answer, callback, do-not-call)"
                ])
            #expect(await s.run("next", role: .manager).contains("resumed:     yes"), "a manager who holds a call gets it again")
            #expect(await s.run("outcome \(task) refused --request-id r-1", role: .manager) == ["OK task=\(task) outcome=refused case=lost"])
            #expect(await s.run("outcome \(task) refused --request-id r-1", role: .manager) == ["OK task=\(task) outcome=refused replayed=yes"])
            #expect(await s.run("outcome \(task) refused", role: .manager) == ["ERR CONFLICT task \(task) is already done; nothing was recorded"])
            let agenda = await s.run("agenda", role: .manager)
            #expect(agenda.last == "OK date=2026-11-23 due=1 overdue=0")
            #expect(await s.run("agenda", role: .viewer).last == "OK date=2026-11-23 due=3 overdue=0")
            // An OS user with the manager role but no manager card of that login: say how to fix it.
            var carl = await s.run(["whoami", "next", "agenda"], role: .manager, uid: 1002, user: "carl")
            #expect(carl.removeFirst().contains("works_as: carl"))
            let hint =
                "no manager 'carl': your OS user 'carl' works as manager 'carl' (calls.manager_accounts, by default the same name); "
                + "an administrator adds it (manager add carl --name NAME --team LOGIN) or maps 'carl' to your manager login in calls.manager_accounts"
            #expect(carl == [["ERR NOT_FOUND " + hint], ["ERR NOT_FOUND " + hint]])
            #expect(await s.run("next --as carl", role: .admin) == ["ERR NOT_FOUND no manager 'carl'"], "an administrator named the login: no hint")
        }
    }

    @Test func callingHoursAreTheClientsOwn() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 2)
            _ = try await CampaignFixture.pairs(
                """
                UPDATE client SET time_zone = CASE id WHEN 1 THEN 'Europe/Moscow' ELSE 'America/New_York' END RETURNING id::int, 0
                """, in: database)
            // 07:00 UTC: 10:00 in Moscow (UTC+3), 02:00 in New York (UTC−5).
            let morning = await Self.at("2026-11-23T07:00:00Z", database).run(["next", "outcome 1 refused", "next"], role: .manager)
            #expect(morning[0].last == "OK task=1 client=1 step=offer")
            #expect(morning[2].last == "OK task=none next_due=2026-11-23T14:00:00Z", "New York's client is due, callable from 09:00 there")
            // 15:00 UTC: 18:00 in Moscow (closed: the window ends at 18:00), 10:00 in New York.
            let afternoon = await Self.at("2026-11-23T15:00:00Z", database).run(["next"], role: .manager)
            #expect(afternoon[0].last == "OK task=2 client=2 step=offer")
        }
    }

    /// A client at UTC+14 is a day ahead: a task due on the next UTC date is due there
    /// already (the claim skips later days inside its index, never one that is due somewhere).
    @Test func aClientADayAheadIsCalledOnTheirOwnDate() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            _ = try await CampaignFixture.pairs(
                """
                UPDATE client SET time_zone = 'Pacific/Kiritimati' RETURNING id::int, 0
                """, in: database)
            _ = try await CampaignFixture.pairs("UPDATE task SET due_on = '2026-11-24' RETURNING id::int, 0", in: database)
            // 18:00 UTC on Monday 23rd is 08:00 on Tuesday 24th in Kiritimati: not yet in calling hours (09:00).
            let early = await Self.at("2026-11-23T18:00:00Z", database).run(["next"], role: .manager)
            #expect(early[0] == ["OK task=none next_due=2026-11-23T19:00:00Z"], "\(early)")
            // 19:30 UTC on the 23rd: 09:30 on the 24th there — due and callable, a UTC day early.
            let due = await Self.at("2026-11-23T19:30:00Z", database).run(["next"], role: .manager)
            #expect(due[0].last == "OK task=1 client=1 step=offer", "\(due)")
            // The claim bounds queues by the zones clients have: every way a zone arrives is noted.
            let added = await Self.at("2026-11-23T19:30:00Z", database).run([
                "client add --name Tokyo --phone +81312345678 --timezone Asia/Tokyo",
                "client edit 1 --timezone Pacific/Apia",
            ])
            #expect(added.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(added)")
            let zones = try await CampaignFixture.pairs(
                """
                SELECT count(*)::int, 0 FROM client_zone WHERE time_zone IN ('Pacific/Kiritimati', 'Asia/Tokyo', 'Pacific/Apia')
                """, in: database)
            #expect(zones[0].0 == 3)
        }
    }

    /// `next` with nothing callable says when the window opens: calling hours and working
    /// days in the client's zone, and the daily cap.
    @Test func nextDueIsWhenTheNextCallMayBeMade() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            _ = try await CampaignFixture.pairs("UPDATE client SET time_zone = 'Europe/Warsaw' RETURNING id::int, 0", in: database)
            // Friday 20:00 in Warsaw: the Monday task waits for Monday 09:00 there (08:00 UTC).
            let friday = await Self.at("2026-11-27T19:00:00Z", database).run(["next --as anna", "campaign set seminar --daily-cap 1"], role: .admin)
            #expect(friday[0] == ["OK task=none next_due=2026-11-30T08:00:00Z"], "\(friday)")
            #expect(friday[1].last?.hasPrefix("OK") == true, "\(friday[1])")
            // Monday: one call uses the daily cap; the retry (due later today) waits for Tuesday's window.
            let monday = await Self.at("2026-11-30T08:30:00Z", database).run(["next --as anna", "outcome 1 no-answer --as anna", "next --as anna"], role: .admin)
            #expect(monday[0].last == "OK task=1 client=1 step=offer")
            #expect(monday[2] == ["OK task=none next_due=2026-12-01T08:00:00Z"], "\(monday)")
            // A call-back two months ahead is still foreseen (10:00 in Warsaw is 09:00 UTC in February).
            let tuesday = await Self.at("2026-12-01T08:30:00Z", database).run(
                ["next --as anna", "callback 2 --at \"2027-02-01 10:00\" --as anna", "next --as anna"], role: .admin)
            #expect(tuesday[0].last == "OK task=2 client=1 step=offer", "\(tuesday)")
            #expect(tuesday[2] == ["OK task=none next_due=2027-02-01T09:00:00Z"], "\(tuesday)")
        }
    }

    @Test func capsAndTheReCallGapHoldAcrossCampaigns() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1)
            let setup = await Self.at("2026-11-23T08:00:00Z", database).run([
                "campaign create second --workflow seminar-weekly --admin ewa", "campaign add-clients second --all",
                "wave open second --week 2026-W48", "campaign set seminar --daily-cap 2",
            ])
            #expect(setup.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(setup)")
            let first = await Self.at("2026-11-23T09:00:00Z", database).run(["next", "outcome 1 no-answer", "next"], role: .manager)
            #expect(first[0].last == "OK task=1 client=1 step=offer")
            #expect(first[1].last?.hasPrefix("OK task=1 outcome=no-answer case=open next_task=3 next_step=offer") == true)
            #expect(
                first[2].last == "OK task=none next_due=2026-11-23T09:02:00Z",
                "the same client is not called again within two minutes, even by another campaign — and next says when the gap ends")
            let later = await Self.at("2026-11-23T09:03:00Z", database).run(["next", "outcome 2 no-answer"], role: .manager)
            #expect(later[0].last == "OK task=2 client=1 step=offer", "three minutes later the other campaign may call")
            // The retry in 'seminar' is due at 11:00; the daily cap (2) allows one more call today.
            let retry = await Self.at("2026-11-23T11:01:00Z", database).run(["next --campaign seminar", "outcome 3 no-answer", "next --campaign seminar"], role: .manager)
            #expect(retry[0].last == "OK task=3 client=1 step=offer")
            #expect(retry[2].last?.hasPrefix("OK task=none") == true, "two calls today in 'seminar': the cap holds the third until tomorrow")
            let tomorrow = await Self.at("2026-11-24T09:00:00Z", database).run(["next --campaign seminar", "outcome 5 no-answer"], role: .manager)
            #expect(tomorrow[0].last == "OK task=5 client=1 step=offer")
            #expect(tomorrow[1] == ["OK task=5 outcome=no-answer case=unreachable"], "after max_attempts (3) the case closes as unreachable")
        }
    }

    /// The re-call gap is per number: two cards with one number (a switchboard) on two
    /// managers' lists are never rung within the gap, however the claims race.
    @Test func aNumberSharedByTwoCardsIsNotCalledTwiceWithinTheGap() async throws {
        try await TestDatabase.with { database, _ in
            let managers = (1...8).map { "m\($0)" }
            try await CallLoopFixture.seminar(database, clients: 200, managers: managers)
            // Clients 2k-1 and 2k share one number; the wave dealt them to different managers.
            _ = try await CampaignFixture.pairs(
                """
                UPDATE client_phone SET e164 = '+48' || (600000000 + (client_id + 1) / 2) RETURNING 0, 0
                """, in: database)
            let spread = try await CampaignFixture.pairs(
                """
                SELECT count(*)::int, 0 FROM (SELECT p.e164 FROM task t JOIN client_phone p ON p.client_id = t.client_id
                                               GROUP BY p.e164 HAVING count(DISTINCT t.manager_id) = 2) x
                """, in: database)
            #expect(spread[0].0 == 100, "every shared number is on two managers' lists")
            let claimed = try await ConcurrentClaims.run(managers, at: "2026-11-23T09:00:00Z", database).map(\.client)
            let numbers = claimed.map { ($0 + 1) / 2 }
            #expect(Set(numbers).count == claimed.count, "no number was handed out twice at 09:00 (gap 2 minutes)")
            #expect(claimed.count == 100, "each number was called once, through one of its two cards")
            let later = await Self.at("2026-11-23T09:05:00Z", database).run(managers.map { "next --as \($0)" }, role: .admin)
            #expect(later.filter { $0.last?.hasPrefix("OK task=none") == false }.count == 8, "after the gap the other cards are callable")
        }
    }

    @Test func anExpiredLeaseGoesBackAndALateOutcomeIsRefused() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1, managers: ["anna", "bart"])
            // A call-back of anna's, overdue since 07:00: after the escalation time the team may take it.
            _ = try await CampaignFixture.pairs(
                """
                UPDATE task SET manager_id = 1, personal = true, origin = 'callback', due_at = '2026-11-23T08:30:00Z' RETURNING id::int, 0
                """, in: database)
            let anna = await Self.at("2026-11-23T09:00:00Z", database).run(["next"], role: .manager)
            #expect(anna[0].last == "OK task=1 client=1 step=offer")
            let bartEarly = await Self.at("2026-11-23T09:10:00Z", database).run(["next --as bart"], role: .admin)
            #expect(bartEarly[0].last?.hasPrefix("OK task=none") == true, "anna's lease still runs")
            let bart = await Self.at("2026-11-23T09:40:00Z", database).run(["next --as bart"], role: .admin)
            #expect(bart[0].last == "OK task=1 client=1 step=offer", "lease over and the call-back escalated: bart takes it")
            let late = await Self.at("2026-11-23T09:41:00Z", database).run(["outcome 1 agreed"], role: .manager)
            #expect(late[0] == ["ERR CONFLICT task 1 is held by another manager (a lease that ran out goes back to the queue); nothing was recorded"])
            let swept = Self.at("2026-11-23T10:30:00Z", database)
            #expect(try await swept.sweepLeases() == 1)
            #expect(await swept.run("outcome 1 agreed --as bart", role: .admin) == ["ERR CONFLICT task 1 is not claimed (its lease may have run out): take a call with next"])
        }
    }

    /// A call held while the client is listed cannot be recorded, and the refusal says why.
    @Test func anOutcomeOnACallCancelledByAListingSaysWhy() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 1, managers: ["anna"])
            let session = Self.at("2026-11-23T09:00:00Z", database)
            #expect(await session.run("next", role: .manager).last == "OK task=1 client=1 step=offer")
            #expect(await session.run("dnc add #1 --reason 'asked on the phone'", role: .admin).last?.hasPrefix("OK dnc=") == true)
            let refused = await session.run("outcome 1 agreed", role: .manager)
            #expect(refused.count == 1 && refused[0].hasPrefix("ERR CONFLICT task 1 is cancelled (case closed: do-not-call, since 20"))
            #expect(refused.first?.hasSuffix("; nothing was recorded") == true)
            #expect(try await CampaignFixture.pairs("SELECT count(*)::int, 0 FROM call", in: database)[0].0 == 0)
        }
    }

    /// Due call-backs come before the queue, own and the team's escalated ones in due order;
    /// another team's escalated call-back is never offered.
    @Test func callBacksComeOwnAndEscalatedInDueOrderNeverFromAnotherTeam() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 4, managers: ["anna", "bart"])
            let setup = await Self.at("2026-11-23T08:00:00Z", database).run(["admin add olga --name Olga", "manager add zed --name Zed --admin olga"])
            #expect(setup.allSatisfy { $0.last?.hasPrefix("OK") == true }, "\(setup)")
            _ = try await CampaignFixture.pairs(
                """
                UPDATE task SET personal = true, origin = 'callback',
                       manager_id = CASE id WHEN 1 THEN 1 WHEN 2 THEN 2 ELSE 3 END,
                       due_at = CASE id WHEN 1 THEN timestamptz '2026-11-23T08:50:00Z' WHEN 2 THEN timestamptz '2026-11-23T07:00:00Z'
                                        ELSE timestamptz '2026-11-23T06:00:00Z' END
                WHERE id IN (1, 2, 3) RETURNING id::int, 0
                """, in: database)
            let anna = await Self.at("2026-11-23T09:00:00Z", database).run(["next", "outcome 2 agreed", "next", "outcome 1 agreed", "next"], role: .manager)
            #expect(anna[0].last == "OK task=2 client=2 step=offer", "bart's call-back, escalated (due 07:00), is older than anna's own")
            #expect(anna[2].last == "OK task=1 client=1 step=offer", "then anna's own (due 08:50)")
            #expect(anna[4].last?.contains("task=3") == false, "zed's call-back belongs to another team")
        }
    }

    /// "My team": a call-back any manager of the team may take as soon as it is due; "only
    /// me" (the default) stays the booker's until it escalates. A release keeps its reason
    /// in the client's history.
    @Test func aCallBackForTheTeamIsTheTeamsAsSoonAsItIsDue() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 4, managers: ["anna", "bart"])
            let s = Self.at("2026-11-23T09:00:00Z", database)
            let first = try #require(await s.replies(["next"], role: .manager)[0].field("task"))
            #expect(await s.run("outcome \(first) agreed --team", role: .manager) == ["ERR INVALID --team is for a call-back; 'agreed' books none"])
            #expect(await s.run("callback \(first) --at +30m --team", role: .manager).last?.hasPrefix("OK task=\(first)") == true)
            let second = try #require(await s.replies(["next"], role: .manager)[0].field("task"))
            #expect(await s.run("callback \(second) --at +30m", role: .manager).last?.hasPrefix("OK task=\(second)") == true)
            let booked = try await CampaignFixture.pairs(
                "SELECT client_id::int, for_team::int FROM task WHERE origin = 'callback' AND state = 'pending' ORDER BY for_team DESC", in: database)
            #expect(booked.map(\.1) == [1, 0], "one call-back for the team, one for anna only")
            let bart = Self.at("2026-11-23T09:35:00Z", database)
            let taken = await bart.replies(["next --as bart"], role: .admin)[0]
            #expect(taken.field("client") == String(booked[0].0), "the team's call-back is bart's as soon as it is due")
            let held = try #require(taken.field("task"))
            #expect(await bart.run("release \(held) --reason 'line busy' --as bart", role: .admin) == ["OK task=\(held) released=yes"])
            let history = await bart.run("client show #\(booked[0].0)", role: .admin)
            #expect(history.contains { $0.contains("released") && $0.contains("line busy") }, "the release and its reason are in the history: \(history)")
            let again = await bart.replies(["next --as bart"], role: .admin)[0]
            #expect(again.field("client") != String(booked[1].0), "anna's own call-back is not bart's before it escalates")
        }
    }

    /// Managers claim while an administrator lists clients: once a listing has committed,
    /// no claim returns that client, and none of their tasks stays pending.
    @Test func doNotCallListingsWinAgainstConcurrentClaims() async throws {
        let managers = (1...8).map { "m\($0)" }
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 400, managers: managers)
            let settings = CallSettings(minimumGapMinutes: 0)
            let listed = Set(stride(from: 3, through: 400, by: 7))
            let finished = Flag()
            let listing = Task {
                let admin = Self.at("2026-11-23T09:00:00Z", database, callSettings: settings)
                for client in listed { _ = await admin.run("dnc add #\(client) --reason race") }
                await finished.set()
            }
            let claims = try await ConcurrentClaims.run(managers, at: "2026-11-23T09:00:00Z", database, callSettings: settings, flag: finished)
            await listing.value
            // After every listing has committed, a further claim round finds nothing of theirs.
            for manager in managers {
                let r = await Self.at("2026-11-23T09:00:00Z", database, callSettings: settings).run("next --as \(manager)", role: .admin)
                #expect(r.last?.hasPrefix("OK task=none") == true)
            }
            #expect(!claims.contains { $0.afterFlag && listed.contains($0.client) }, "no listed client is handed out after the listings committed")
            #expect(Set(claims.map(\.client)).count == claims.count)
            let pending = try await CampaignFixture.pairs(
                """
                SELECT count(*)::int, 0 FROM task WHERE state = 'pending' AND client_id = ANY('{\(listed.map(String.init).joined(separator: ","))}'::bigint[])
                """, in: database)
            #expect(pending[0].0 == 0)
            // A claim that raced a listing cannot be completed: its task was cancelled with the listing.
            let called = try await CampaignFixture.pairs("SELECT count(*)::int, 0 FROM call", in: database)
            let unlisted = claims.filter { !listed.contains($0.client) }.count
            #expect(called[0].0 >= unlisted && called[0].0 <= claims.count)
            #expect(unlisted == 400 - listed.count, "every other client was called")
        }
    }
}

/// Set once, read by many tasks.
actor Flag {
    private(set) var isSet = false
    func set() { isSet = true }
}

extension ConsoleTestSession {
    /// Runs the scheduler's lease sweep at this session's clock.
    func sweepLeases() async throws -> Int {
        try await CallService(database: database, campaignSettings: campaignSettings, settings: callSettings, defaultZone: "Europe/Warsaw").sweepLeases()
    }
}
