import CallsheetDomain
import Foundation
import Testing

@testable import CallsheetDomain

/// The workbook's SpreadsheetML: cell references, sheet names Excel accepts, XML text
/// that cannot break the document, and dates as Excel's serial numbers.
@Suite struct SpreadsheetMLTests {
    @Test func columnsAreLettersAsInExcel() {
        #expect(SpreadsheetML.columnName(0) == "A" && SpreadsheetML.columnName(25) == "Z")
        #expect(SpreadsheetML.columnName(26) == "AA" && SpreadsheetML.columnName(701) == "ZZ" && SpreadsheetML.columnName(702) == "AAA")
    }

    @Test func sheetNamesAreShortCleanAndUnique() {
        #expect(Workbook.sheetName("a/b:c", taken: []) == "a_b_c")
        #expect(Workbook.sheetName(String(repeating: "x", count: 40), taken: []).count == 31)
        #expect(Workbook.sheetName("Totals", taken: ["totals"]) == "Totals (2)")
        #expect(Workbook.sheetName("", taken: []) == "Sheet")
    }

    @Test func textCannotBreakTheXML() {
        #expect(SpreadsheetML.escape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
        #expect(SpreadsheetML.escape("bell\u{07}nul\u{00}ok\ttab") == "bellnulok\ttab", "control characters are not XML")
    }

    @Test func datesAreSerialNumbersAndTypesAreKept() throws {
        let day = try #require(LocalDate(iso: "2026-12-07"))
        let noon = Date(timeIntervalSince1970: 1_796_644_800)  // 2026-12-07T12:00:00Z
        let sheet = Workbook.Sheet(name: "s", rows: [[.heading("h"), .integer(3), .money(150_050), .date(day), .dateTime(noon), .percent(0.25), .text("x")]])
        let workbook = Workbook(sheets: [sheet], timeZone: TimeZone(identifier: "Europe/Warsaw")!)
        let parts = SpreadsheetML.parts(of: workbook)
        #expect(
            parts.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml",
            ])
        let xml = String(decoding: parts[5].data, as: UTF8.self)
        #expect(xml.contains(#"<c r="B1"><v>3</v></c>"#) && xml.contains(#"<c r="C1" s="3"><v>1500.50</v></c>"#))
        #expect(xml.contains(#"<c r="D1" s="1"><v>46363</v></c>"#), "2026-12-07 is Excel day 46363")
        #expect(xml.contains(#"<c r="E1" s="2"><v>46363.54166666667</v></c>"#), "13:00 in Warsaw: \(xml)")
        #expect(xml.contains(#"s="5" t="inlineStr"><is><t xml:space="preserve">h</t>"#))
    }
}
