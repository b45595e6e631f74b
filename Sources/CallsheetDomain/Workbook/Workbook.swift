public import Foundation

/// A spreadsheet workbook as the week's export lays it out (seed 004: a sheet per manager
/// and a totals sheet) — sheets of typed cells, so numbers stay numbers and dates stay
/// dates in Excel, LibreOffice and Google Sheets. ``SpreadsheetML`` turns it into the
/// parts of an `.xlsx` file; zipping them is the caller's.
public struct Workbook: Sendable, Equatable {
    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters, for the first columns (the rest default).
        public var widths: [Int]

        public init(name: String, rows: [[Cell]], widths: [Int] = []) {
            self.name = name
            self.rows = rows
            self.widths = widths
        }
    }

    public enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        /// A header or a total: bold text.
        case heading(String)
        case integer(Int)
        case number(Double)
        /// Money in cents, shown with two decimals.
        case money(Int64)
        /// A fraction shown as a percentage.
        case percent(Double)
        case date(LocalDate)
        /// An instant, shown as the wall-clock time of the workbook's zone.
        case dateTime(Date)
    }

    public var sheets: [Sheet]
    /// The zone date-times are shown in (the calendar's, as the reports use).
    public var timeZone: TimeZone

    public init(sheets: [Sheet], timeZone: TimeZone) {
        self.sheets = sheets
        self.timeZone = timeZone
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the
    /// workbook (a number is added to a repeated name).
    public static func sheetName(_ wanted: String, taken: Set<String>) -> String {
        var name = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if name.isEmpty { name = "Sheet" }
        var candidate = name, counter = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }
}
