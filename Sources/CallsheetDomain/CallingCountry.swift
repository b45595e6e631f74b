/// What Callsheet knows about a country's telephone numbering: enough to turn what people
/// type into spreadsheets into E.164, and to guess a client's time zone from their number.
///
/// A deliberately small table (the countries of the seed articles, their neighbours and
/// the larger markets) rather than a full numbering-plan library: numbers from other
/// countries are still accepted in international form, with generic length checks.
public struct CallingCountry: Sendable, Equatable {
    /// ISO 3166-1 alpha-2, e.g. `PL`.
    public let code: String
    /// Country calling code without `+`, e.g. `48`.
    public let callingCode: String
    /// The national trunk prefix dialled before the national number (`0`, `8`), if any.
    public let trunkPrefixes: [String]
    /// Allowed lengths of the national significant number (without trunk prefix).
    public let nationalLengths: ClosedRange<Int>
    /// The IANA zone most of the country's numbers are in.
    public let timeZone: String

    public static let all: [CallingCountry] = [
        .init(code: "PL", callingCode: "48", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Warsaw"),
        .init(code: "LT", callingCode: "370", trunkPrefixes: ["8", "0"], nationalLengths: 8...8, timeZone: "Europe/Vilnius"),
        .init(code: "RO", callingCode: "40", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Bucharest"),
        .init(code: "RU", callingCode: "7", trunkPrefixes: ["8"], nationalLengths: 10...10, timeZone: "Europe/Moscow"),
        .init(code: "UA", callingCode: "380", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Kyiv"),
        .init(code: "BY", callingCode: "375", trunkPrefixes: ["8", "80"], nationalLengths: 9...9, timeZone: "Europe/Minsk"),
        .init(code: "LV", callingCode: "371", trunkPrefixes: [], nationalLengths: 8...8, timeZone: "Europe/Riga"),
        .init(code: "EE", callingCode: "372", trunkPrefixes: [], nationalLengths: 7...8, timeZone: "Europe/Tallinn"),
        .init(code: "DE", callingCode: "49", trunkPrefixes: ["0"], nationalLengths: 6...13, timeZone: "Europe/Berlin"),
        .init(code: "CZ", callingCode: "420", trunkPrefixes: [], nationalLengths: 9...9, timeZone: "Europe/Prague"),
        .init(code: "SK", callingCode: "421", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Bratislava"),
        .init(code: "MD", callingCode: "373", trunkPrefixes: ["0"], nationalLengths: 8...8, timeZone: "Europe/Chisinau"),
        .init(code: "GB", callingCode: "44", trunkPrefixes: ["0"], nationalLengths: 9...10, timeZone: "Europe/London"),
        .init(code: "IE", callingCode: "353", trunkPrefixes: ["0"], nationalLengths: 7...9, timeZone: "Europe/Dublin"),
        .init(code: "FR", callingCode: "33", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Paris"),
        .init(code: "ES", callingCode: "34", trunkPrefixes: [], nationalLengths: 9...9, timeZone: "Europe/Madrid"),
        .init(code: "IT", callingCode: "39", trunkPrefixes: [], nationalLengths: 6...11, timeZone: "Europe/Rome"),
        .init(code: "NL", callingCode: "31", trunkPrefixes: ["0"], nationalLengths: 9...9, timeZone: "Europe/Amsterdam"),
        .init(code: "AT", callingCode: "43", trunkPrefixes: ["0"], nationalLengths: 4...13, timeZone: "Europe/Vienna"),
        .init(code: "SE", callingCode: "46", trunkPrefixes: ["0"], nationalLengths: 7...9, timeZone: "Europe/Stockholm"),
        .init(code: "FI", callingCode: "358", trunkPrefixes: ["0"], nationalLengths: 5...10, timeZone: "Europe/Helsinki"),
        .init(code: "US", callingCode: "1", trunkPrefixes: ["1"], nationalLengths: 10...10, timeZone: "America/New_York"),
    ]

    /// The country for an ISO code (case-insensitive).
    public static func named(_ code: String) -> CallingCountry? {
        all.first { $0.code == code.uppercased() }
    }

    private static let byCallingCode: [Substring: CallingCountry] = Dictionary(
        all.map { (Substring($0.callingCode), $0) }, uniquingKeysWith: { first, _ in first }
    )

    /// The country whose calling code starts `digits` (longest code wins: `370` before `3`).
    static func owning(internationalDigits digits: Substring) -> CallingCountry? {
        for length in stride(from: min(3, digits.count), through: 1, by: -1) {
            if let country = byCallingCode[digits.prefix(length)] { return country }
        }
        return nil
    }
}
