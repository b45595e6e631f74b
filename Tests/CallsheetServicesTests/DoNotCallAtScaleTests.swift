import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// A national registry's size: 100,000 numbers in one `dnc import`, set-based.
@Suite struct DoNotCallAtScaleTests {
    @Test func aHundredThousandNumbersImportInOneTransaction() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 3)
            // Client 2's number is in the registry; a few rows are bad or repeated.
            var lines = ["telefon;powód"]
            for n in 0..<100_000 { lines.append("+48 51\(String(format: "%07d", n));registry 2026-12") }
            lines[50_001] = "+48 600 000 002;asked the registry"
            lines.append("+48 510 000 007;repeated")
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            let refused = await s.run(["dnc import <<END"] + lines.prefix(1001) + ["12ab;x", "END"])[0]
            #expect(refused.last == "ERR INVALID 1 of 1001 rows are invalid; nothing was imported (fix them, or use --skip-invalid)", "\(refused.suffix(2))")
            #expect(refused.first == #"line 1002: phone "12ab" is not a phone number (unexpected "a")"#)
            let listedBefore = try await CampaignFixture.pairs("SELECT count(*)::int, 0 FROM dnc_listing", in: database)
            #expect(listedBefore[0].0 == 0, "all or nothing")

            let started = ContinuousClock.now
            let r = await s.run(["dnc import --skip-invalid <<END"] + lines + ["12ab;x", "END"])[0]
            print("dnc import of 100,002 rows through the console session: \(ContinuousClock.now - started)")
            #expect(r.last == "OK read=100002 added=100000 already=1 rejected=1", "\(r.suffix(2))")
            let counts = try await CampaignFixture.pairs(
                """
                SELECT (SELECT count(*) FROM dnc_listing)::int, (SELECT count(*) FROM dnc_event WHERE action = 'add')::int
                """, in: database)
            #expect(counts[0] == (100_000, 100_000))
            let client2 = try await CampaignFixture.pairs(
                """
                SELECT (SELECT count(*) FROM campaign_case WHERE client_id = 2 AND state = 'do-not-call')::int,
                       (SELECT count(*) FROM task WHERE client_id = 2 AND state = 'pending')::int
                """, in: database)
            #expect(client2[0] == (1, 0), "the listed number's client has no work left")
            let show = await s.run("client show 2")
            #expect(show.contains { $0.contains("number +48600000002 put on the do-not-call list (all campaigns): asked the registry") }, "\(show)")
            let again = await s.run(["dnc import --reason again <<END", "phone", "+48 510 000 000", "END", "dnc check \"+48 510 000 000\""])
            #expect(again[0] == ["OK read=1 added=0 already=1 rejected=0"], "\(again[0])")
            #expect(again[1].last == "OK phone=+48510000000 listed=yes lists=1")
            // The claim checks the list per client, one probe: the other clients are still called.
            #expect(await s.run("next", role: .manager).last?.hasPrefix("OK task=") == true)
        }
    }

    /// Thousands of rejected rows: the answer keeps the first ones and counts the rest.
    @Test func rejectedRowsAreBoundedInTheAnswer() async throws {
        try await TestDatabase.with { database, _ in
            let lines = ["phone,reason"] + (0..<3000).map { "bad\($0),x" }
            let r = await ConsoleTestSession(database: database).run(["dnc import --skip-invalid <<END"] + lines + ["END"])[0]
            #expect(r.last == "OK read=3000 added=0 already=0 rejected=3000")
            #expect(r.count == 1000 + 1 + 1, "1,000 rows, the count of the rest, the status")
            #expect(r[1000] == "… and 2000 more")
        }
    }
}
