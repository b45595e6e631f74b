public import Foundation

/// The parts of an Office Open XML workbook (ECMA-376, SpreadsheetML) for a ``Workbook``:
/// content types, relationships, the workbook, one style sheet (dates, date-times, money,
/// percentages, bold headings) and a worksheet per sheet with inline strings. Only what
/// Excel, LibreOffice and Google Sheets need to open the file with numbers as numbers and
/// dates as dates; pure text, zipped by the caller.
public enum SpreadsheetML {
    /// `(path in the archive, bytes)`, in the order an `.xlsx` lists them.
    public static func parts(of workbook: Workbook) -> [(path: String, data: Data)] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets: workbook.sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbookXML(workbook.sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: workbook.sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in workbook.sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, zone: workbook.timeZone)))
        }
        return parts.map { ($0.0, Data($0.1.utf8)) }
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheets: Int) -> String {
        header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + (0..<sheets).map { $0 + 1 }.map {
                #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined() + "</Types>"
    }

    static let rootRelationships =
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookXML(_ sheets: [Workbook.Sheet]) -> String {
        header + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
            + sheets.enumerated().map { #"<sheet name="\#(escape($0.element.name))" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"/>"# }.joined()
            + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (0..<sheets).map {
                #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Style indexes: 0 plain, 1 date, 2 date-time, 3 money, 4 percent, 5 bold.
    static let styles =
        header + #"<styleSheet xmlns="\#(main)">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ sheet: Workbook.Sheet, zone: TimeZone) -> String {
        var xml = header + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationships)">"#
        if sheet.rows.count > 1 {
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        if !sheet.widths.isEmpty {
            xml +=
                "<cols>" + sheet.widths.enumerated().map { #"<col min="\#($0.offset + 1)" max="\#($0.offset + 1)" width="\#($0.element)" customWidth="1"/>"# }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let reference = columnName(c) + String(r + 1)
                switch cell {
                case .empty: continue
                case .text(let text): xml += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                case .heading(let text): xml += #"<c r="\#(reference)" s="5" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                case .integer(let value): xml += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
                case .number(let value): xml += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
                case .money(let cents): xml += #"<c r="\#(reference)" s="3"><v>\#(ManagerComparison.money(cents))</v></c>"#
                case .percent(let value): xml += #"<c r="\#(reference)" s="4"><v>\#(value)</v></c>"#
                case .date(let day): xml += #"<c r="\#(reference)" s="1"><v>\#(day.dayNumber + 25_569)</v></c>"#
                case .dateTime(let instant):
                    let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
                    xml += #"<c r="\#(reference)" s="2"><v>\#(local / 86_400 + 25_569)</v></c>"#
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
    static func columnName(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// XML text: ``MarkupText/escape(_:)``.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
