import Testing

@testable import CallsheetConsole

@Suite struct CommandWordsTests {
    @Test func splitsOnSpacesAndTabs() throws {
        #expect(try CommandWords.parse("  client   add\tAcme  ").words == ["client", "add", "Acme"])
    }

    @Test func doubleQuotesGroupAndUnderstandEscapes() throws {
        let parsed = try CommandWords.parse(#"note "Acme \"Ltd\"" "a\\b" "x\ny" "#)
        #expect(parsed.words == ["note", "Acme \"Ltd\"", "a\\b", "x\ny"])
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try CommandWords.parse(#"say 'a \n "b"'"#).words == ["say", #"a \n "b""#])
    }

    @Test func backslashEscapesOutsideQuotes() throws {
        #expect(try CommandWords.parse(#"find Acme\ Ltd"#).words == ["find", "Acme Ltd"])
    }

    @Test func emptyQuotedWordIsAWord() throws {
        #expect(try CommandWords.parse(#"set name """#).words == ["set", "name", ""])
    }

    @Test func unicodeSurvives() throws {
        #expect(try CommandWords.parse("client find \"Łódź Sp. z o.o.\"").words == ["client", "find", "Łódź Sp. z o.o."])
    }

    @Test func payloadMarkerIsTheUnquotedLastWord() throws {
        let parsed = try CommandWords.parse("client import --source crm <<EOF")
        #expect(parsed.words == ["client", "import", "--source", "crm"])
        #expect(parsed.payloadMarker == "EOF")
        let quoted = try CommandWords.parse(#"note "<<EOF""#)
        #expect(quoted.payloadMarker == nil)
        #expect(quoted.words == ["note", "<<EOF"])
    }

    @Test func errorsNameTheColumn() {
        #expect(throws: ConsoleError.syntax("unterminated double quote opened at column 6")) { try CommandWords.parse(#"note "abc"#) }
        #expect(throws: ConsoleError.syntax("unterminated single quote opened at column 6")) { try CommandWords.parse("note 'abc") }
        #expect(throws: ConsoleError.self) { try CommandWords.parse(#"note abc\"#) }
        #expect(throws: ConsoleError.self) { try CommandWords.parse("import <<") }
    }

    @Test func anUnknownOptionIsNamedWithTheOnesTheCommandTakes() throws {
        var agenda = CommandArguments(command: "agenda", words: ["--as", "anna"])
        _ = try agenda.option("manager")
        _ = try agenda.option("date")
        #expect(throws: ConsoleError.syntax("'agenda' has no option --as; it takes --manager, --date (help agenda)")) { try agenda.finish() }
        let ping = CommandArguments(command: "ping", words: ["--verbose=1"])
        #expect(throws: ConsoleError.syntax("'ping' has no option --verbose; it takes no options (help ping)")) { try ping.finish() }
        var show = CommandArguments(command: "client show", words: ["12", "extra"])
        _ = show.positional()
        #expect(throws: ConsoleError.syntax("'client show' does not take the argument \"extra\"")) { try show.finish() }
    }
}

@Suite struct RendererTests {
    @Test func statusLineQuotesValuesThatNeedIt() {
        let line = ResponseRenderer.statusLine([("a", 1), ("b", "two words"), ("c", "x=y"), ("d", ""), ("e", .null)])
        #expect(line == #"OK a=1 b="two words" c="x=y" d="" e=-"#)
    }

    @Test func tableIsAligned() {
        let lines = ResponseRenderer.render(
            ConsoleResponse(status: [("rows", 2)], body: .table(columns: ["name", "n"], rows: [["Anna", 1], ["Bo", 22]])),
            format: .text
        )
        #expect(lines == ["name  n", "Anna  1", "Bo    22", "OK rows=2"])
    }

    @Test func bodyLinesAreNeverEmpty() {
        let lines = ResponseRenderer.render(ConsoleResponse(body: .lines(["a", "", "b\n\nc"])), format: .text)
        #expect(!lines.contains(""))
        #expect(lines.last == "OK")
    }

    @Test func jsonIsOneLineWithEscapes() {
        let lines = ResponseRenderer.render(
            ConsoleResponse(status: [("n", 1)], body: .record([("name", "Quote \" and\nnewline\u{1}")])),
            format: .json
        )
        #expect(lines == [#"{"ok":true,"n":1,"data":{"name":"Quote \" and\nnewline\u0001"}}"#])
        #expect(
            ResponseRenderer.render(ConsoleError(.notFound, "no such client"), format: .json)
                == [#"{"ok":false,"code":"NOT_FOUND","message":"no such client"}"#])
    }

    /// A card with lists (a call sheet and its last calls) is aligned text for people and one
    /// object for programs, each list an array of objects — never padded text lines.
    @Test func cardsWithListsRenderAsTextAndAsOneObject() {
        let body = ResponseBody.card(
            [("client", "#7 Acme"), ("phone", .array(["+48600000001", "+48600000002"]))],
            lists: [
                BodyList("last_calls", columns: ["when", "outcome"], rows: [["2026-11-23", "agreed"]]),
                BodyList("history", columns: ["when"], rows: []),
            ])
        #expect(
            ResponseRenderer.render(ConsoleResponse(status: [("task", 3)], body: body), format: .text) == [
                "client: #7 Acme", "phone:  +48600000001, +48600000002", " ", "last calls:", "when        outcome", "2026-11-23  agreed",
                " ", "history: none", "OK task=3",
            ])
        #expect(
            ResponseRenderer.render(ConsoleResponse(status: [("task", 3)], body: body), format: .json) == [
                ##"{"ok":true,"task":3,"data":{"client":"#7 Acme","phone":["+48600000001","+48600000002"],"last_calls":[{"when":"2026-11-23","outcome":"agreed"}],"history":[]}}"##
            ])
    }

    @Test func errorCodesAreTheDocumentedList() {
        #expect(
            ErrorCode.allCases.map(\.rawValue) == [
                "SYNTAX", "UNKNOWN_COMMAND", "PERM", "NOT_FOUND", "CONFLICT", "INVALID", "LIMIT", "BUSY", "TIMEOUT", "UNAVAILABLE", "INTERNAL",
            ])
    }
}
