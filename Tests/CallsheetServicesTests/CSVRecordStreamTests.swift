import Testing

@testable import CallsheetServices

@Suite struct CSVRecordStreamTests {
    func stream(_ lines: [String]) -> CSVRecordStream {
        var remaining = lines[...]
        return CSVRecordStream { remaining.popFirst() }
    }

    @Test func headerWithBOMAndSemicolons() async throws {
        let s = stream(["\u{FEFF}Organisation;Telephone;E-mail", "A;1;x"])
        #expect(try await s.header() == ["Organisation", "Telephone", "E-mail"])
        #expect(s.delimiter == ";")
        let batch = try await s.nextBatch(maximum: 10)
        #expect(batch.map(\.fields) == [["A", "1", "x"]])
        #expect(batch.map(\.line) == [2])
    }

    @Test func multiLineRecordsKeepTheirStartingLine() async throws {
        let s = stream(["a,b", "\"x", "y\",z", "", "p,\"q\"\"r\""])
        _ = try await s.header()
        let batch = try await s.nextBatch(maximum: 10)
        #expect(batch.map(\.fields) == [["x\ny", "z"], ["p", "q\"r"]])
        #expect(batch.map(\.line) == [2, 5])
    }

    /// A stray quote in a huge file stops at a bounded size, naming the line where it opened,
    /// and the rest of the file is not read.
    @Test func aQuoteThatNeverClosesStopsAtABoundNamingItsLine() async throws {
        var served = 0
        let s = CSVRecordStream {
            served += 1
            if served == 1 { return "phone,reason" }
            if served == 3 { return "\"+48 600 000 003,asked" }
            return served > 1_000_000 ? nil : "+48 600 \(served),asked"
        }
        _ = try await s.header()
        let error = await #expect(throws: ServiceError.self) { _ = try await s.nextBatch(maximum: 10) }
        #expect(error?.message.hasPrefix("line 3 opens a quoted field that is still not closed 1000 lines (") == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("check the quotes on that line; nothing was imported") == true)
        #expect(served < 1100, "read \(served) lines")
    }
}
