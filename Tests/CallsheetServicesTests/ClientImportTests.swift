import CallsheetStore
import CallsheetTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// CSV import through the console session against a real database.
@Suite struct ClientImportTests {

    @Test func basicFileWithABlankLine() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(ImportFixture.importing("client import --source crm", try ImportFixture.fixture("basic.csv")) + ["client show 3"])
            #expect(r[0] == ["OK import=1 read=3 inserted=3 updated=0 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[1].contains("phone:       +48123456789 ((0 12) 345 67 89)"))
            #expect(r[1].contains { $0.contains("imported") && $0.contains("imported by import 1 (crm), line 5") })
            // Who: the same form as waves and do-not-call listings store (`anna (uid 1000)`).
            #expect(r[1].contains { $0.contains(" anna (uid 1000) ") && $0.contains("imported by import 1") })
        }
    }

    /// A header whose quote never closes swallows the file: refused as the line it starts on.
    @Test func aMalformedHeaderIsInvalidNotInternal() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(
                ImportFixture.importing("client import", ["\"name,phone", "Acme,601234567"])
                    + ImportFixture.importing("dnc import --reason x", ["phone,\"reason", "601234567,asked"]))
            #expect(r[0] == ["ERR INVALID line 1 has a quoted field that is never closed; nothing was imported"])
            #expect(r[1] == ["ERR INVALID line 1 has a quoted field that is never closed; nothing was imported"])
        }
    }

    @Test func quotedFieldsWithCommasNewlinesAndQuotes() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(
                ImportFixture.importing("client import", try ImportFixture.fixture("quoted_multiline.csv")) + ["client show 1", "client show 2", "client show 3"])
            #expect(r[0] == ["OK import=1 read=3 inserted=3 updated=0 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[1].contains("name:        Acme, Inc."))
            #expect(r[1].contains("tags:        seminar|vip"))
            #expect(r[2].contains("name:        The \"Best\" Shop"))
            #expect(r[2].contains("notes:       First line ⏎ second line, with a comma ⏎ third line"))
            #expect(r[3].contains("notes:       He said \"hi\""))
            #expect(r[3].contains { $0.contains("line 6") }, "line numbers count the physical lines of multi-line records")
        }
    }

    @Test func bomSemicolonsCRLFAndAliases() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(ImportFixture.importing("client import", try ImportFixture.fixture("bom_semicolon_crlf.csv")) + ["client show 1", "client show 2"])
            #expect(r[0] == ["OK import=1 read=2 inserted=2 updated=0 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[1].contains("name:        Łódzkie Zakłady"))
            #expect(r[1].contains("contact:     Paweł Żółw"))
            #expect(r[1].contains("segment:     vip"))
            #expect(r[1].contains("external_id: LZ-1"))
            #expect(r[2].contains("name:        Kraków; Centrum"))
            #expect(r[2].contains("contact:     Zofia; Ciało"))
        }
    }

    @Test func unknownColumnsAreAnErrorUnlessMappedOrIgnored() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let file = try ImportFixture.fixture("unknown_column.csv")
            let r = await console.run(
                ImportFixture.importing("client import", file)
                    + ImportFixture.importing("client import --ignore-unknown", file)
                    + ImportFixture.importing("client import --update --map Stage=ignore --map \"Manager notes=notes\"", file)
                    + ImportFixture.importing("client import --map Stage=colour", file)
                    + ["client show 1"]
            )
            #expect(
                r[0] == [
                    #"ERR INVALID the CSV header cannot be used: column "Stage" (column 3) is not a client field; use --map "Stage=FIELD", --map "Stage=ignore" or --ignore-unknown; column "Manager notes" (column 4) is not a client field; use --map "Manager notes=FIELD", --map "Manager notes=ignore" or --ignore-unknown"#
                ])
            #expect(r[1] == ["OK import=1 read=1 inserted=1 updated=0 skipped=0 rejected=0 do_not_call=0"], "a header refused before reading takes no import id")
            #expect(r[2] == ["OK import=2 read=1 inserted=0 updated=1 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[3].last?.hasPrefix("ERR INVALID the CSV header cannot be used: --map Stage=colour: no field \"colour\"") == true)
            #expect(r[4].contains("notes:       likes mornings"))
        }
    }

    @Test func badRowsRejectTheWholeImportAndAreListed() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let file = try ImportFixture.fixture("bad_rows.csv")
            let rejected = await console.run(ImportFixture.importing("client import", file))
            #expect(
                rejected[0] == [
                    "line 3: name is missing",
                    #"line 4: phone "12ab" is not a phone number (unexpected "a")"#,
                    #"line 5: segment "gold" is not one of individual, company, vip, foreign"#,
                    "line 6: phone +48221111111 is already on line 2",
                    "ERR INVALID 4 of 6 rows are invalid; nothing was imported (fix them, or use --skip-invalid)",
                ])
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM client") == 0)
            #expect(try await ImportFixture.count(database, "SELECT count(*)::int FROM client_import") == 0, "the import record is rolled back too")

            let skipped = await console.run(ImportFixture.importing("client import --skip-invalid", file))
            #expect(skipped[0].last == "OK import=2 read=6 inserted=2 updated=0 skipped=0 rejected=4 do_not_call=0")
            #expect(skipped[0].count == 5)
            let again = await console.run(ImportFixture.importing("client import --skip-invalid", file))
            #expect(again[0].last == "OK import=3 read=6 inserted=0 updated=0 skipped=2 rejected=4 do_not_call=0")
            #expect(again[0].contains { $0.hasPrefix("line 2: matches client #") && $0.hasSuffix(" by phone +48221111111; left alone (use --update)") })
        }
    }

    static let thousandRows: [String] = {
        var file = ["name,phone,external_id"]
        for i in 1...1000 {
            let phone = "+48 600 " + String(100_000 + i)
            switch i {
            case 100: file.append("Row \(i),not a phone,X\(i)")
            case 500: file.append(",\(phone),X\(i)")
            case 900: file.append("Row \(i),+48 600 100 001,X\(i)")
            default: file.append("Row \(i),\(phone),X\(i)")
            }
        }
        return file
    }()

    @Test func threeBadRowsAmongAThousand() async throws {
        let file = Self.thousandRows
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let rejected = await console.run(ImportFixture.importing("client import", file))
            #expect(
                Array(rejected[0].prefix(3)) == [
                    #"line 101: phone "not a phone" is not a phone number (unexpected "n")"#,
                    "line 501: name is missing",
                    "line 901: phone +48600100001 is already on line 2",
                ])
            #expect(rejected[0].last == "ERR INVALID 3 of 1000 rows are invalid; nothing was imported (fix them, or use --skip-invalid)")
            let clientsAfterRejection = try await ImportFixture.count(database, "SELECT count(*)::int FROM client")
            #expect(clientsAfterRejection == 0)
            let accepted = await console.run(ImportFixture.importing("client import --skip-invalid", file))
            #expect(accepted[0].last == "OK import=2 read=1000 inserted=997 updated=0 skipped=0 rejected=3 do_not_call=0")
            let phones = try await ImportFixture.count(database, "SELECT count(*)::int FROM client_phone")
            #expect(phones == 997)
        }
    }

    @Test func updateMatchesByExternalIdThenPhone() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(
                ImportFixture.importing("client import", ["name,phone,external_id,segment", "Old Name,+48221234567,E-1,vip", "Other,+48601234567,,"])
                    + ImportFixture.importing(
                        "client import --update", ["name,phone,phone2,external_id", "New Name,+48500000000,,E-1", "Other Renamed,+48601234567,+48 22 999 88 77,"])
                    + ["client show 1", "client show 2"]
            )
            #expect(r[1] == ["OK import=2 read=2 inserted=0 updated=2 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[2].contains("name:        New Name"))
            #expect(r[2].contains("segment:     vip"), "a file without a segment column keeps the segment")
            #expect(r[2].contains("phone2:      +48500000000 (+48500000000)"))
            #expect(r[3].contains("phone2:      +48229998877 (+48 22 999 88 77)"))
            #expect(r[3].contains { $0.contains(#"updated by import 2, line 3: name: "Other" → "Other Renamed""#) }, "\(r[3])")
            #expect(r[2].contains { $0.contains(#"updated by import 2, line 2: name: "Old Name" → "New Name""#) }, "the old value can be read back: \(r[2])")
        }
    }

    @Test func malformedAndEmptyInput() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run(
                ImportFixture.importing("client import", [])
                    + ImportFixture.importing("client import", ["name,phone", "\"Unclosed,+48221234567"])
                    + ImportFixture.importing("client import", ["name,phone", "A,+48221234567,extra"])
                    + ["client import"]
            )
            #expect(r[0] == ["ERR INVALID the CSV is empty: the first line must be a header such as name,phone,email"])
            #expect(r[1] == ["ERR INVALID line 2 has a quoted field that is never closed; nothing was imported"])
            #expect(r[2] == ["line 2: has 3 fields but the header has 2", "ERR INVALID 1 of 1 rows are invalid; nothing was imported (fix them, or use --skip-invalid)"])
            #expect(r[3].last?.hasPrefix("ERR SYNTAX 'client import' reads the CSV from a payload block") == true)
        }
    }
}

/// A literal SQL text for assertions in tests (never user input).
struct PostgresQueryText {
    let text: String
    init(_ text: String) { self.text = text }
    var query: PostgresQuery { PostgresQuery(unsafeSQL: text) }
}

@Suite struct ImportEscapingTests {
    @Test func backslashesTabsAndNullLookalikesSurviveStaging() async throws {
        try await TestDatabase.with { database, _ in
            let console = ConsoleTestSession(database: database)
            let r = await console.run([
                "client import <<END", "name,phone,notes,contact",
                "C:\\temp\\new,+48601234567,\"tab\there\",\\N", "END",
                "client show 1",
            ])
            #expect(r[0] == ["OK import=1 read=1 inserted=1 updated=0 skipped=0 rejected=0 do_not_call=0"])
            #expect(r[1].contains("name:        C:\\temp\\new"))
            #expect(r[1].contains("notes:       tab\there"))
            #expect(r[1].contains("contact:     \\N"), "a literal \\N in the data is text, not NULL")
        }
    }
}
