/// Turns the bytes of one payload line into text, refusing what is not UTF-8.
///
/// Spreadsheets still save "CSV" in the computer's legacy code page (Windows-1250 in
/// Poland, Windows-1251 in Russia) or as UTF-16 ("Unicode text"). Decoded leniently, such
/// a file arrives as replacement characters and fails later as an unknown column or a
/// garbled name, far from the cause; refusing at the first bad line names the cause and
/// the fix. (The daemon checks again for clients that send payloads by themselves.)
public enum PayloadText {
    /// The text of line `number` (1-based) of `source` (a path, or `standard input`).
    public static func line(_ bytes: ArraySlice<UInt8>, number: Int, source: String) throws(PayloadTextError) -> String {
        let file = source == "-" ? "standard input" : source
        let named = source == "-" ? "FILE" : source
        if bytes.contains(0) || (number == 1 && (bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]))) {
            throw PayloadTextError(
                message: "\(file) is UTF-16 text (a spreadsheet's \"Unicode text\"), not UTF-8; nothing was imported. "
                    + "Save it as \"CSV UTF-8\", or convert it: iconv -f UTF-16 -t UTF-8 \(named) > converted.csv")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PayloadTextError(
                message: "\(file) line \(number) is not UTF-8 text; nothing was imported. "
                    + "It was saved in a legacy code page (Windows-1250 for Polish, Windows-1251 for Russian, …): "
                    + "save it as \"CSV UTF-8\", or convert it: iconv -f WINDOWS-1250 -t UTF-8 \(named) > converted.csv")
        }
        return text
    }

    /// Checks whole lines at once (`bytes` ends with a newline; its first line is number
    /// `firstLineNumber`); when they are not all UTF-8 text, names the first line that is not.
    public static func check(_ bytes: [UInt8], firstLineNumber: Int, source: String) throws(PayloadTextError) {
        if !bytes.contains(0), !(firstLineNumber == 1 && (bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]))),
            String(validating: bytes, as: UTF8.self) != nil
        {
            return
        }
        var number = firstLineNumber
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            _ = try line(bytes[start..<newline], number: number, source: source)
            number += 1
            start = newline + 1
        }
    }
}

/// Why a payload file cannot be sent (unreadable, not UTF-8); the message says what to do.
public struct PayloadTextError: Error, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
}
