import CallsheetDomain
import CallsheetStore
import CallsheetTestSupport
import Logging
import PostgresNIO
import Testing

@Suite struct DoNotCallTests {
    @Test func addCheckListRemoveKeepsTheWholeHistory() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            _ = await console.run(["admin add ewa --name Ewa", "campaign create autumn --workflow seminar-weekly --admin ewa"])
            let r = await console.run([
                "client add --name Acme --phone \"22 123 45 67\"",
                "dnc add \"+48 22 123 45 67\" --reason \"asked on 2026-11-20\"",
                "dnc add 0221234567 --reason again",
                "dnc add #1 --campaign autumn --reason \"not this campaign\"",
                "dnc add 601234567",
                "dnc add 12ab --reason x",
                "dnc add #99 --reason x",
                "dnc check \"(0 22) 123-45-67\"",
                "dnc check 500000000",
                "dnc list",
                "dnc list --global",
                "dnc remove 221234567 --reason \"consented again\"",
                "dnc remove 221234567",
                "dnc check 221234567",
                "client show 1",
            ])
            #expect(r[1] == ["OK dnc=+48221234567 list=global added=yes"])
            #expect(r[2] == ["OK dnc=+48221234567 list=global added=no"], "listing twice changes nothing")
            #expect(r[3] == ["OK dnc=\"client #1\" list=\"campaign 1\" added=yes"])
            #expect(r[4] == ["ERR INVALID a do-not-call entry needs a --reason (it is shown to whoever checks the number)"])
            #expect(r[5] == [#"ERR INVALID phone "12ab" is not a phone number (unexpected "a") (a client is written #ID)"#])
            #expect(r[6] == ["ERR NOT_FOUND no client #99"])
            #expect(r[7].last == "OK phone=+48221234567 listed=yes lists=2")
            #expect(r[7].contains { $0.hasPrefix("+48221234567  global") && $0.hasSuffix("asked on 2026-11-20") })
            #expect(r[7].contains { $0.hasPrefix("client #1     campaign 1") && $0.contains("anna (uid 1000)") })
            #expect(r[8] == ["entry  list  since  by  reason", "OK phone=+48500000000 listed=no lists=0"])
            #expect(r[9].last == "OK entries=2")
            #expect(r[10].last == "OK entries=1")
            #expect(r[11] == ["OK dnc=+48221234567 removed=yes"])
            #expect(r[12] == ["ERR NOT_FOUND +48221234567 is not on the global do-not-call list"])
            #expect(r[13].last == "OK phone=+48221234567 listed=yes lists=1")
            #expect(r[14].contains { $0.contains("do-not-call") && $0.contains("(campaign 1): not this campaign") })
            // The client's card tells that their number was listed and unlisted, not only listings of the client.
            #expect(r[14].contains { $0.contains("do-not-call") && $0.contains("number +48221234567 put on the do-not-call list (all campaigns): asked on 2026-11-20") })
            #expect(r[14].contains { $0.contains("do-not-call") && $0.contains("number +48221234567 removed from the do-not-call list (all campaigns): consented again") })
            let events = try await database.transaction { tx in try await tx.dncEventCount() }
            #expect(events == ["add": 2, "remove": 1], "removal is a new record, not a delete")
        }
    }

    @Test func onlyAdministratorsRemove() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            _ = await console.run(["admin add ewa --name Ewa", "manager add anna --name Anna --admin ewa"])
            #expect(await console.run("dnc add 601234567 --reason asked", role: .manager) == ["OK dnc=+48601234567 list=global added=yes"], "a number no client has")
            #expect(await console.run("dnc remove 601234567", role: .manager).last?.hasPrefix("ERR PERM") == true)
            #expect(await console.run("dnc add 601234568 --reason x", role: .viewer).last?.hasPrefix("ERR PERM") == true)
        }
    }

    @Test func importingAList() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let file = ["phone,reason", "601 234 567,asked", "+48 601 234 567,duplicate", "bad,x", "602345678,"]
            let r = await console.run(
                ["dnc import --reason \"bulk list\" <<END"] + file + ["END"]
                    + ["dnc import --reason \"bulk list\" --skip-invalid <<END"] + file + ["END"]
                    + ["dnc check 602345678"]
                    + ["dnc import <<END", "Телефон;Причина", "603 456 789;просил не звонить", "END", "dnc check 603456789"]
            )
            #expect(
                r[0] == [
                    #"line 4: phone "bad" is not a phone number (unexpected "b")"#, "ERR INVALID 1 of 4 rows are invalid; nothing was imported (fix them, or use --skip-invalid)",
                ])
            #expect(r[1].last == "OK read=4 added=2 already=1 rejected=1")
            #expect(r[2].contains { $0.hasSuffix("bulk list") })
            // The phone and reason columns are found in the sheet's own language too.
            #expect(r[3] == ["OK read=1 added=1 already=0 rejected=0"])
            #expect(r[4].contains { $0.hasSuffix("просил не звонить") })
        }
    }

    /// R-5 under load: do-not-call changes on existing clients while large imports run, from
    /// many sessions at once. Nothing deadlocks, every add is recorded once, every import lands.
    @Test func doNotCallWhileImportsRunConcurrently() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let seed = ["name,phone,external_id"] + (1...50).map { "Seed \($0),+48 700 \(String(100_000 + $0)),S\($0)" }
            #expect(await console.run(["client import <<END"] + seed + ["END"]).first?.last == "OK import=1 read=50 inserted=50 updated=0 skipped=0 rejected=0 do_not_call=0")

            let results = await withTaskGroup(of: (String, [String]).self) { group in
                for batch in 0..<4 {
                    group.addTask {
                        let rows = ["name,phone"] + (1...2000).map { "Import \(batch)-\($0),+48 8\(batch)0 \(String(100_000 + $0))" }
                        return ("import", await console.run(["client import <<END"] + rows + ["END"]).first ?? [])
                    }
                }
                for client in 1...50 {
                    group.addTask {
                        let lines = await console.run(["dnc add #\(client) --reason \"asked during import\"", "dnc add +48700\(100_000 + client) --reason asked"])
                        return ("dnc", lines.map { $0.last ?? "" })
                    }
                }
                var collected: [(String, [String])] = []
                for await result in group { collected.append(result) }
                return collected
            }
            let imports = results.filter { $0.0 == "import" }.map { $0.1.last ?? "" }
            #expect(imports.count == 4)
            #expect(imports.allSatisfy { $0.contains("read=2000 inserted=2000") }, "\(imports)")
            let dnc = results.filter { $0.0 == "dnc" }.flatMap(\.1)
            #expect(dnc.count == 100)
            #expect(dnc.allSatisfy { $0.hasSuffix("added=yes") }, "\(dnc.filter { !$0.hasSuffix("added=yes") })")
            let counts = try await database.transaction { tx in try await tx.dncEventCount() }
            #expect(counts == ["add": 100])
        }
    }
}

extension StoreTransaction {
    /// Test-only: how many do-not-call events of each action exist.
    func dncEventCount() async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (action, n) in try await countByAction() { result[action] = n }
        return result
    }
}
