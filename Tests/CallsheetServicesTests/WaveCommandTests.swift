import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

@Suite struct WaveCommandTests {
    /// The seed-004 administrator's week: the seminar campaign, 5 managers × 100 clients,
    /// preview and open the wave, a new client on Wednesday, a sick manager's list moved,
    /// and each manager's list.
    @Test func theSeminarAdministratorsWeek() async throws {
        try await TestDatabase.with { database, _ in
            try await CampaignFixture.clients(501, in: database)
            let setup = ConsoleTestSession(database: database)
            var lines = ["admin add ewa --name Ewa"]
            for m in ["anna", "bart", "cora", "dan", "eve"] { lines.append("manager add \(m) --name \(m) --admin ewa --capacity 100") }
            lines += [
                "campaign create seminar --workflow seminar-weekly --admin ewa --calling-hours 09:00-17:00 --budget 1500.50",
                "campaign add-clients seminar --clients " + (1...500).map(String.init).joined(separator: ","),
                "wave open seminar --week 2026-W48 --dry-run",
                "wave open seminar --week 2026-W48",
                "wave open seminar --week 2026-W48",
                "wave show seminar --manager anna",
            ]
            let r = await setup.run(lines)
            #expect(r[6].last == "OK campaign=seminar id=1")
            #expect(r[7] == ["OK campaign=seminar added=500 already=0"])
            #expect(r[8].last == "OK dry_run=yes week=2026-W48 assigned=500 skipped=0 managers=5")
            #expect(r[8].contains("anna     100       0     0         100  100    100%"))
            #expect(r[8].contains("first_step:          offer") && r[8].contains("due:                 2026-11-23"))
            #expect(r[9].last == "OK wave=1 assigned=500 skipped=0 managers=5")
            #expect(r[10] == ["ERR CONFLICT week 2026-W48 already has a wave in campaign 'seminar' (see: wave show seminar --week 2026-W48)"])
            #expect(r[11].last == "OK wave=1 week=2026-W48 clients=100 listed=yes")
            #expect(r[11].contains { $0.hasPrefix("anna     6       Client 6 ") }, "balanced: clients are dealt in turn")
            #expect(r[11].contains { $0.hasPrefix("anna     1       Client 1    +48600000001  open   offer  2026-11-23") })

            // Wednesday: a new client for anna; bart is sick, cora takes his list.
            let wednesday = ConsoleTestSession(
                database: database, campaignSettings: ConsoleTestSession.campaignSettings(now: ConsoleTestSession.monday.addingTimeInterval(2 * 86_400)))
            let w = await wednesday.run([
                "assign 501 anna --campaign seminar",
                "assign 501 bart --campaign seminar",
                "reassign --from bart --to cora --campaign seminar",
                "wave show seminar",
                "client show 501",
                "unassign 501 --campaign seminar",
                "unassign 501 --campaign seminar",
                "manager deactivate bart",
                "manager deactivate cora",
            ])
            #expect(w[0].last?.hasPrefix("OK case=501 client=501 manager=anna due=2026-11-25") == true)
            #expect(w[1] == ["ERR CONFLICT client 501 is already on anna's list in 'seminar' (move it with: reassign --from anna --to bart --campaign seminar --clients 501)"])
            #expect(w[2] == ["OK from=bart to=cora moved=100"])
            #expect(w[3].contains("anna     101   0"))
            #expect(w[3].contains("cora     200   0"))
            #expect(!w[3].contains { $0.hasPrefix("bart ") })
            #expect(w[4].contains { $0.contains("campaign seminar: assigned to anna") })
            #expect(w[5] == ["OK client=501 manager=anna unassigned=yes"])
            #expect(w[6] == ["ERR NOT_FOUND client 501 is on nobody's list in 'seminar'"])
            #expect(w[7] == ["OK manager=bart active=no changed=yes open_cases=0"], "bart's list went to cora")
            #expect(w[8].last == "OK manager=cora active=no changed=yes open_cases=200")
            #expect(w[8].contains("seminar   200         reassign --from cora --to LOGIN --campaign seminar"), "deactivating says what is left and how to move it")
            let pending = try await CampaignFixture.pairs("SELECT count(*)::int, count(DISTINCT client_id)::int FROM task WHERE state = 'pending'", in: database)
            #expect(pending[0] == (500, 500))
            // Cases point at managers, campaigns and waves that can never be deleted.
            for table in ["manager", "campaign", "wave", "administrator"] {
                await #expect(throws: (any Error).self) { _ = try await CampaignFixture.pairs("DELETE FROM \(table) RETURNING 1, 1", in: database) }
            }
        }
    }

    @Test func theNextWaveKeepsClientsWithTheirManagerAndSkipsDoNotCallAndClosedCases() async throws {
        try await TestDatabase.with { database, _ in
            try await CampaignFixture.clients(40, in: database)
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "admin add ewa --name Ewa",
                "manager add anna --name Anna --admin ewa --capacity 10",
                "manager add bart --name Bart --admin ewa --capacity 30",
                "campaign create weekly --workflow seminar-weekly --admin ewa",
                "campaign add-clients weekly --all",
                "dnc add #3 --reason asked",
                "dnc add 600000004 --reason asked",
                "wave open weekly --week 2026-W48",
            ])
            #expect(r[7].last == "OK wave=1 assigned=38 skipped=2 managers=2")
            #expect(r[7].contains("skipped_do_not_call: 2") && r[7].contains("skipped_closed:      0"))
            // Close the week: every case ends; client 5 refused (lost), the rest unreachable.
            try await CampaignFixture.pairs(
                """
                WITH c AS (UPDATE campaign_case SET state = CASE WHEN client_id = 5 THEN 'lost' ELSE 'unreachable' END, closed_at = now() RETURNING 1),
                     t AS (UPDATE task SET state = 'done' RETURNING 1)
                SELECT (SELECT count(*)::int FROM c), (SELECT count(*)::int FROM t)
                """, in: database
            ).forEach { #expect($0 == (38, 38)) }
            let owners = try await CampaignFixture.pairs("SELECT client_id::int, manager_id::int FROM campaign_case ORDER BY client_id", in: database)
            let r2 = await console.run([
                "manager deactivate anna",
                "manager add cora --name Cora --admin ewa --capacity 30",
                "dnc add #7 --campaign 1 --reason \"not for this seminar\"",
                "wave open weekly --week 2026-W49 --dry-run",
                "wave open weekly --week 2026-W49",
            ])
            #expect(r2[4].last == "OK wave=2 assigned=36 skipped=4 managers=2")
            #expect(r2[4].contains("skipped_do_not_call: 3") && r2[4].contains("skipped_closed:      1"))
            let second = Dictionary(
                uniqueKeysWithValues: try await CampaignFixture.pairs(
                    "SELECT client_id::int, manager_id::int FROM campaign_case WHERE wave_id = 2", in: database
                ).map { ($0.0, $0.1) })
            #expect(second[5] == nil && second[7] == nil && second[3] == nil && second[4] == nil)
            for (client, manager) in owners where manager == 2 && second[client] != nil {
                #expect(second[client] == 2, "bart's clients stay with bart")
            }
            #expect(r2[3].contains { $0.hasPrefix("bart ") && $0.contains("100%") } || r2[3].contains { $0.hasPrefix("bart ") })
        }
    }

    @Test func campaignsRefuseBadInputPrecisely() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "admin add ewa --name Ewa",
                "campaign create s --workflow nope --admin ewa",
                "campaign create s --workflow seminar-weekly --admin nobody",
                "campaign create s --workflow seminar-weekly --admin ewa --calling-hours 18:00-09:00",
                "campaign create s --workflow seminar-weekly --admin ewa --budget 12,500",
                "campaign create s --workflow seminar-weekly --admin ewa --event-day someday",
                "campaign create s --workflow seminar-weekly --admin ewa",
                "campaign create s --workflow seminar-weekly --admin ewa",
                "wave open s --week 2026-W48",
                "wave open s --week 2026-W47",
                "wave open s --week 2026-W99",
                "campaign pause s",
                "wave open s --week 2026-W49",
                "campaign resume s",
                "campaign set s --auto-wave monday --holidays 2026-12-24,2026-12-25 --working-days sun-thu",
                "campaign set s",
                "campaign add-clients s --all --tag vip",
                "campaign close s",
                "campaign resume s",
                "workflow list",
                "workflow show seminar-weekly",
            ])
            #expect(r[1] == ["ERR NOT_FOUND no workflow 'nope' (known: insurance-broker, seminar-weekly)"])
            #expect(r[2] == ["ERR NOT_FOUND no administrator 'nobody' (add one with: admin add nobody --name NAME)"])
            #expect(r[3] == ["ERR INVALID calling hours \"18:00-09:00\" are not HH:MM-HH:MM with the start before the end"])
            #expect(r[4] == ["ERR INVALID budget \"12,500\" is ambiguous (a thousands separator or a decimal one?): write 12500, or a decimal amount with at most two decimals"])
            #expect(r[5] == ["ERR INVALID --event-day \"someday\" is not a weekday (monday … sunday)"])
            #expect(r[6].last == "OK campaign=s id=1")
            #expect(r[6].contains("steps:         offer → invoice → payment → venue → feedback"))
            #expect(r[7] == ["ERR CONFLICT campaign 's' already exists"])
            #expect(r[8] == ["ERR INVALID the team of 'ewa' has no active manager with capacity above 0 (see: manager list --admin ewa)"])
            #expect(r[9] == ["ERR INVALID week 2026-W47 ended on 2026-11-22; open the current week (2026-W48) or a later one"])
            #expect(r[10] == ["ERR INVALID week \"2026-W99\" is not an ISO week like 2026-W48"])
            #expect(r[11] == ["OK campaign=s state=paused changed=yes"])
            #expect(r[12] == ["ERR CONFLICT campaign 's' is paused; resume it first"])
            #expect(r[14].contains("auto_wave:     monday"))
            #expect(r[14].contains("holidays:      2026-12-24,2026-12-25"))
            #expect(r[14].contains("working_days:  mon,tue,wed,thu,sun"))
            #expect(r[15] == ["ERR INVALID nothing to change: give --auto-wave, --calling-hours, --event-day, --budget, --holidays, --working-days, --daily-cap or --lifetime-cap"])
            #expect(r[16].last?.hasPrefix("ERR SYNTAX 'campaign add-clients' needs exactly one of") == true)
            #expect(r[17] == ["OK campaign=s state=closed changed=yes cancelled=0"])
            #expect(r[18] == ["ERR CONFLICT campaign 's' is closed; a closed campaign cannot be reopened"])
            #expect(r[19].last == "OK workflows=2")
            #expect(r[20].contains { $0.hasPrefix("payment") && $0.contains("not-paid→retry") })
        }
    }
}
