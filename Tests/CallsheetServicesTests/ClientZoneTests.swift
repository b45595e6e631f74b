import CallsheetDomain
import CallsheetServices
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

/// One time-zone rule at every entry, and no client row that can stop the claim for others.
@Suite struct ClientZoneTests {
    @Test func aZoneTheDatabaseCannotReadSkipsOnlyThatClient() async throws {
        try await TestDatabase.with { database, _ in
            try await CallLoopFixture.seminar(database, clients: 3)
            // Written past the rule, as an old version or a hand-made UPDATE could have.
            _ = try await CampaignFixture.pairs(
                """
                UPDATE client SET time_zone = CASE id WHEN 1 THEN 'GMT+0300' WHEN 2 THEN 'UTC+3' ELSE time_zone END RETURNING id::int, 0
                """, in: database)
            let usable = try await CampaignFixture.pairs("SELECT count(*) FILTER (WHERE usable)::int, count(*) FILTER (WHERE NOT usable)::int FROM client_zone", in: database)
            #expect(usable[0] == (1, 2), "Europe/Warsaw usable; GMT+0300 and UTC+3 not")
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            let r = await s.run(["next", "outcome 3 refused", "next"], role: .manager)
            #expect(r[0].last == "OK task=3 client=3 step=offer", "\(r[0])")
            #expect(r[2].last == "OK task=none next_due=none", "the two clients whose zone cannot be read are skipped, not fatal: \(r[2])")
            let skipped = try await database.transaction { tx in try await tx.recheckClientZones() }
            #expect(skipped == [UnusableClientZone(zone: "GMT+0300", clients: 1), UnusableClientZone(zone: "UTC+3", clients: 1)])
        }
    }

    @Test func everyEntryRefusesOffsetsWithThePlaceToWrite() async throws {
        try await TestDatabase.with { database, _ in
            let s = CallLoopFixture.at("2026-11-23T09:00:00Z", database)
            let r = await s.run([
                "admin add ewa --name Ewa",
                "manager add anna --name Anna --admin ewa --timezone EST5EDT",
                "manager add anna --name Anna --admin ewa --timezone Europe/Warsaw",
                "manager edit anna --timezone UTC+3",
                "client add --name Acme --phone \"+7 495 123 45 67\" --timezone GMT+0300",
                "client add --name Acme --phone \"+7 495 123 45 67\" --timezone Europe/Moscow",
                "client edit 1 --timezone MSK",
            ])
            #expect(r[1].last?.hasPrefix("ERR INVALID time zone \"EST5EDT\" is a POSIX rule (UTC-05:00 outside summer time), not a place") == true, "\(r[1])")
            #expect(r[1].last?.contains("America/New_York") == true)
            #expect(r[2].last?.hasPrefix("OK") == true)
            #expect(r[3].last?.hasPrefix("ERR INVALID time zone \"UTC+3\" is a fixed offset (UTC+03:00)") == true, "\(r[3])")
            #expect(r[4].last?.hasPrefix("ERR INVALID time zone \"GMT+0300\" is a fixed offset") == true, "\(r[4])")
            #expect(r[4].last?.contains("Europe/Moscow") == true)
            #expect(r[5].last?.hasPrefix("OK") == true, "\(r[5])")
            #expect(r[6].last == "ERR INVALID time zone \"MSK\" is an abbreviation, not a place; write the IANA name of the place, e.g. Europe/Moscow")
            let csv = ["name,phone,timezone", "Acme,+48 600 100 200,Europe/Warsaw", "Bolt,+7 495 000 11 22,UTC+3"]
            let imported = await s.run(["client import <<END"] + csv + ["END"])[0]
            #expect(imported.last == "ERR INVALID 1 of 2 rows are invalid; nothing was imported (fix them, or use --skip-invalid)", "\(imported)")
            #expect(imported.first?.hasPrefix("line 3: time zone \"UTC+3\" is a fixed offset") == true, "\(imported)")
        }
    }
}
