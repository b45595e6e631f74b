import CallsheetDomain
import CallsheetTestSupport
import Testing

@Suite struct ClientCommandTests {
    @Test func addShowFindEditAClient() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                #"client add --name "Acme Sp. z o.o." --phone "22 123 45 67 wew. 12" --phone "+370 612 34567" --contact "Jan Kowalski" --email biuro@acme.pl --segment VIP --tag seminar --tag B2B --importance 8 --external-id CRM-1"#,
                #"client add --name "Acme Copy" --phone +48221234567"#,
                #"client add --name "Acme Copy" --phone +48221234567 --external-id CRM-1 --allow-duplicate"#,
                #"client add --name "Acme Copy" --phone +48221234567 --allow-duplicate"#,
                #"client add --phone 12ab --segment gold"#,
                "client find acme",
                "client find \"022 123 45 67\"",
                "client find CRM-1 --segment vip --tag seminar",
                "client edit 1 --importance 9 --notes \"prefers mornings\" --add-phone 601234567",
                "client edit 1 --importance 9",
                "client show 1",
                "client show 99",
                "client show abc",
            ])
            #expect(r[0].last == "OK client=1")
            #expect(r[0].contains("phone:       +48221234567 ext. 12 (22 123 45 67 wew. 12)"))
            #expect(r[0].contains("phone2:      +37061234567 (+370 612 34567)"))
            #expect(r[0].contains("timezone:    Europe/Warsaw"))
            #expect(r[0].contains("tags:        b2b|seminar"))
            #expect(r[1] == ["ERR CONFLICT client #1 already has phone +48221234567; use --allow-duplicate to add anyway"])
            #expect(r[2] == ["ERR CONFLICT client #1 already has external id CRM-1"])
            #expect(r[3].last == "OK client=2")
            #expect(r[4] == [#"ERR INVALID name is missing; phone "12ab" is not a phone number (unexpected "a"); segment "gold" is not one of individual, company, vip, foreign"#])
            #expect(r[5].last == "OK clients=2")
            #expect(r[6].last == "OK clients=2")
            #expect(r[7].last == "OK clients=1")
            #expect(r[8].last == "OK client=1 changed=importance,notes,phones")
            #expect(r[9].last == "OK client=1 changed=none")
            #expect(r[10].last == "OK client=1 events=2")
            #expect(r[10].contains { $0.contains("created") && $0.contains("added by anna (uid 1000)") })
            #expect(
                r[10].contains { $0.contains("edited") && $0.contains(#"changed importance: 8 → 9; notes: none → "prefers mornings"; phones: added +48601234567"#) }, "\(r[10])")
            #expect(r[11] == ["ERR NOT_FOUND no client #99"])
            #expect(r[12] == ["ERR SYNTAX \"abc\" is not a client ID (a number, as client find shows)"])
        }
    }

    @Test func managersMayLookButNotChange() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            _ = await console.run("client add --name X --phone 601234567")
            #expect(await console.run("client show 1", role: .manager).last == "OK client=1 events=1")
            #expect(await console.run("client edit 1 --name Y", role: .manager).last?.hasPrefix("ERR PERM") == true)
            #expect(await console.run("client show 1", role: .viewer).last?.hasPrefix("ERR PERM") == true)
        }
    }
}

@Suite struct ClientEditConflictTests {
    @Test func anExternalIdTakenByAnotherClientIsAConflict() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "client add --name A --phone 601234567 --external-id X1",
                "client add --name B --phone 601234568",
                "client edit 2 --external-id X1",
                "client edit 2 --timezone Nowhere/Land",
                "client edit 2 --add-phone 12ab",
            ])
            #expect(r[2] == ["ERR CONFLICT another client already has external id X1"])
            #expect(r[3] == ["ERR INVALID time zone \"Nowhere/Land\" is not an IANA time zone name such as Europe/Warsaw or America/New_York (Area/City)"])
            #expect(r[4] == [#"ERR INVALID phone "12ab" is not a phone number (unexpected "a")"#])
        }
    }

    /// A number that changed: add the new one and remove the old in one edit; a number the
    /// card does not have, or the last one, is refused and nothing changes.
    @Test func aPhoneIsReplacedInOneEditAndTheLastIsKept() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "client add --name A --phone 601234567 --phone 601234568",
                "client edit 1 --remove-phone \"+48 601 234 567\" --add-phone 601234569",
                "client edit 1 --remove-phone 601234599 --name Renamed",
                "client edit 1 --remove-phone 601234568 --remove-phone 601234569",
                "client edit 1 --remove-phone 12ab",
                "client show 1",
            ])
            #expect(r[1].last == "OK client=1 changed=phones", "\(r[1])")
            #expect(r[1].contains { $0.hasPrefix("phone:") && $0.contains("+48601234568") }, "\(r[1])")
            #expect(r[1].contains { $0.hasPrefix("phone2:") && $0.contains("+48601234569") }, "\(r[1])")
            #expect(!r[1].contains { $0.contains("+48601234567") })
            #expect(r[2] == ["ERR INVALID client #1 has no phone +48601234599 to remove; nothing was changed"])
            #expect(r[3] == ["ERR INVALID client #1 would have no phone left; add the new number (--add-phone) in the same edit; nothing was changed"])
            #expect(r[4] == [#"ERR INVALID phone "12ab" is not a phone number (unexpected "a")"#])
            #expect(r[5].contains { $0.hasPrefix("name:") && $0.hasSuffix(" A") }, "the refused edit renamed nothing: \(r[5])")
            #expect(r[5].filter { $0.hasPrefix("phone") }.count == 2, "\(r[5])")
            #expect(r[5].contains { $0.contains("edited") && $0.contains("changed phones: added +48601234569, removed +48601234567") }, "\(r[5])")
        }
    }
}
