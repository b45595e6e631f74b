@testable import CallsheetServices
import Testing

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
}
