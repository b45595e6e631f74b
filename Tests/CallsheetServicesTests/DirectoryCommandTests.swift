import CallsheetDomain
import CallsheetTestSupport
import Testing

@Suite struct DirectoryCommandTests {
    @Test func administratorsAndManagersFromTheConsole() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "admin add ewa --name \"Ewa Nowak\"",
                "admin add ewa --name Again",
                "admin add Bad!Login --name X",
                "manager add anna --name \"Anna K\" --admin ewa",
                "manager add piotr --name Piotr --admin ewa --capacity 80 --timezone Europe/Vilnius",
                "manager add olga --name Olga --admin nobody",
                "manager add zed --name Zed --admin ewa --timezone Mars/Base",
                "manager list",
                "admin list",
            ])
            #expect(r[0] == ["OK admin=ewa id=1"])
            #expect(r[1] == ["ERR CONFLICT administrator 'ewa' already exists"])
            #expect(r[2].last?.hasPrefix("ERR INVALID login \"Bad!Login\" must be") == true)
            #expect(r[3].last == "OK manager=anna id=1")
            #expect(r[3].contains("timezone: Europe/Warsaw"))
            #expect(r[3].contains("capacity: 100"))
            #expect(r[4].contains("capacity: 80"))
            #expect(r[5] == ["ERR NOT_FOUND no administrator 'nobody' (add one with: admin add nobody --name NAME)"])
            #expect(r[6] == ["ERR INVALID time zone \"Mars/Base\" is not an IANA time zone name such as Europe/Warsaw or America/New_York (Area/City)"])
            #expect(
                r[7] == [
                    "login  name    team  capacity  timezone        active",
                    "anna   Anna K  ewa   100       Europe/Warsaw   yes",
                    "piotr  Piotr   ewa   80        Europe/Vilnius  yes",
                    "OK managers=2",
                ])
            #expect(r[8] == ["login  name       email  active_managers", "ewa    Ewa Nowak  -      2", "OK admins=1"])
        }
    }

    @Test func theTeamIsSpelledTeamAndTheOldAdminSpellingStillWorks() async throws {
        try await TestDatabase.with { database, _ in
            let r = await ConsoleTestSession(database: database).run([
                "admin add ewa --name Ewa",
                "admin add jan --name Jan",
                "manager add anna --name Anna --team ewa",
                "manager add bart --name Bart --admin jan",
                "manager add cara --name Cara --team ewa --admin jan",
                "manager edit bart --team ewa",
                "manager list --team ewa",
            ])
            #expect(r[2].last == "OK manager=anna id=1")
            #expect(r[3].last == "OK manager=bart id=2")
            #expect(r[4] == ["ERR SYNTAX give --team or --admin (the same option), not both"])
            #expect(r[5].last?.hasPrefix("OK") == true, "\(r[5])")
            #expect(r[6].last == "OK managers=2", "\(r[6])")
        }
    }

    @Test func deactivatingKeepsTheManagerAndEditingChangesFields() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "admin add ewa --name Ewa", "admin add jan --name Jan",
                "manager add anna --name Anna --admin ewa",
                "manager deactivate anna", "manager deactivate anna",
                "manager list", "manager list --all",
                "manager activate anna",
                "manager edit anna --capacity 120 --admin jan --name \"Anna Kowalska\"",
                "manager edit anna",
                "manager edit ghost --capacity 1",
                "manager show anna",
                "admin show jan",
            ])
            #expect(r[3] == ["OK manager=anna active=no changed=yes open_cases=0"])
            #expect(r[4] == ["OK manager=anna active=no changed=no open_cases=0"])
            #expect(r[5].last == "OK managers=0")
            #expect(r[6].last == "OK managers=1")
            #expect(r[7] == ["OK manager=anna active=yes changed=yes open_cases=0"])
            #expect(r[8].contains("team:     jan"))
            #expect(r[8].contains("capacity: 120"))
            #expect(r[9] == ["ERR INVALID nothing to change: give --name, --team, --capacity, --timezone or --email"])
            #expect(r[10] == ["ERR NOT_FOUND no manager 'ghost'"])
            #expect(r[11].contains("name:     Anna Kowalska"))
            #expect(r[12].last == "OK admin=jan managers=1")
        }
    }

    @Test func onlyAdministratorsChangeTheDirectory() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            #expect(await console.run("admin add ewa --name Ewa", role: .manager) == ["ERR PERM 'admin add' needs the admin role; uid 1000 (anna) is manager"])
            #expect(await console.run("manager list", role: .viewer) == ["login  name  team  capacity  timezone  active", "OK managers=0"])
        }
    }
}
