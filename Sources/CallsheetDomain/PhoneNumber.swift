import Foundation

/// A telephone number as Callsheet stores and compares it: E.164 (`+48221234567`) plus an
/// optional extension, with the text the person typed kept beside it.
///
/// Spreadsheets hold numbers in every shape (`022 123 45 67`, `(0 22) 123-45-67 wew. 12`,
/// `0048 22 1234567`, `+370 612 34567`); normalising them is what makes duplicate
/// detection and the do-not-call list work across sources. National numbers take the
/// configured default country.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// `+` and digits, at most 15 of them.
    public let e164: String
    public let extensionDigits: String?
    /// ISO code of the country the number belongs to, when Callsheet knows it.
    public let country: String?

    public var description: String { extensionDigits.map { "\(e164) ext. \($0)" } ?? e164 }

    /// Why a text is not a phone number, for error messages (`phone "12ab" is not a phone number`).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let raw: String
        public let reason: String
        public var description: String { "phone \"\(raw)\" \(reason)" }
    }

    /// Normalises `raw`; `defaultCountry` applies to numbers written without a country code.
    public static func parse(_ raw: String, defaultCountry: CallingCountry) throws(Problem) -> PhoneNumber {
        let text = raw.trimmingSpaces()
        guard !text.isEmpty else { throw Problem(raw: raw, reason: "is empty") }
        let (main, ext) = splitExtension(text)
        var digits = ""
        var plus = false
        for (offset, c) in main.enumerated() {
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if c == "+" && offset == 0 {
                plus = true
            } else if " -./()\u{00A0}\t".contains(c) {
                continue
            } else {
                throw Problem(raw: raw, reason: "is not a phone number (unexpected \"\(c)\")")
            }
        }
        guard !digits.isEmpty else { throw Problem(raw: raw, reason: "is not a phone number (no digits)") }

        let international: Substring
        if plus {
            international = digits[...]
        } else if digits.hasPrefix("00") {
            international = digits.dropFirst(2)
        } else {
            var national = digits[...]
            if let prefix = defaultCountry.trunkPrefixes.sorted(by: { $0.count > $1.count }).first(where: {
                national.hasPrefix($0) && defaultCountry.nationalLengths.contains(national.count - $0.count)
            }) {
                national = national.dropFirst(prefix.count)
            }
            guard defaultCountry.nationalLengths.contains(national.count) else {
                throw Problem(raw: raw, reason: "has \(national.count) digits; a \(defaultCountry.code) number has \(lengths(defaultCountry)) (write foreign numbers with +country code)")
            }
            return PhoneNumber(e164: "+" + defaultCountry.callingCode + national, extensionDigits: ext, country: defaultCountry.code)
        }

        guard (8...15).contains(international.count), international.first != "0" else {
            throw Problem(raw: raw, reason: "is not a valid international number (\(international.count) digits after the country code prefix; E.164 allows 8 to 15)")
        }
        guard let country = CallingCountry.owning(internationalDigits: international) else {
            return PhoneNumber(e164: "+" + international, extensionDigits: ext, country: nil)
        }
        var national = international.dropFirst(country.callingCode.count)
        // People often keep the trunk prefix after the country code: +48 (0)22 …
        if !country.nationalLengths.contains(national.count),
           let prefix = country.trunkPrefixes.first(where: { national.hasPrefix($0) && country.nationalLengths.contains(national.count - $0.count) }) {
            national = national.dropFirst(prefix.count)
        }
        guard country.nationalLengths.contains(national.count) else {
            throw Problem(raw: raw, reason: "has \(national.count) digits after +\(country.callingCode); a \(country.code) number has \(lengths(country))")
        }
        return PhoneNumber(e164: "+" + country.callingCode + national, extensionDigits: ext, country: country.code)
    }

    private static func lengths(_ country: CallingCountry) -> String {
        let r = country.nationalLengths
        return r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)"
    }

    /// Splits `… ext. 12`, `… x12`, `… #12`, `… wew. 12` (Polish), `… доб. 12` (Russian).
    static func splitExtension(_ text: String) -> (Substring, String?) {
        let lowered = text.lowercased()
        for marker in ["extension", "ext.", "ext", "wew.", "wew", "доб.", "доб", "int.", "x", "#"] {
            guard let range = lowered.range(of: marker, options: .backwards) else { continue }
            let after = lowered[range.upperBound...].trimmingSpaces()
            guard !after.isEmpty, after.allSatisfy({ $0.isASCII && $0.isNumber }), after.count <= 6 else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
            let main = text.prefix(offset)
            return (Substring(main.trimmingSpaces()), after)
        }
        return (Substring(text), nil)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
