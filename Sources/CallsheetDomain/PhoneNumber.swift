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
        var digitBytes: [UInt8] = []
        digitBytes.reserveCapacity(16)
        var plus = false
        var afterC2 = false
        for (offset, byte) in main.utf8.enumerated() {
            if afterC2 {
                afterC2 = false
                if byte == 0xA0 { continue }  // U+00A0 no-break space, as spreadsheets write it
                throw unexpected(in: main, raw: raw)
            }
            switch byte {
            case 0x30...0x39: digitBytes.append(byte)
            case UInt8(ascii: "+") where offset == 0: plus = true
            case 0x20, 0x2D, 0x2E, 0x2F, 0x28, 0x29, 0x09: continue
            case 0xC2: afterC2 = true
            default: throw unexpected(in: main, raw: raw)
            }
        }
        let digits = String(decoding: digitBytes, as: UTF8.self)
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
                throw Problem(
                    raw: raw, reason: "has \(national.count) digits; a \(defaultCountry.code) number has \(lengths(defaultCountry)) (write foreign numbers with +country code)")
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
            let prefix = country.trunkPrefixes.first(where: { national.hasPrefix($0) && country.nationalLengths.contains(national.count - $0.count) })
        {
            national = national.dropFirst(prefix.count)
        }
        guard country.nationalLengths.contains(national.count) else {
            throw Problem(raw: raw, reason: "has \(national.count) digits after +\(country.callingCode); a \(country.code) number has \(lengths(country))")
        }
        return PhoneNumber(e164: "+" + country.callingCode + national, extensionDigits: ext, country: country.code)
    }

    /// The error for the first character that has no place in a phone number (slow path).
    private static func unexpected(in text: Substring, raw: String) -> Problem {
        for (offset, c) in text.enumerated() {
            let allowed = (c.isASCII && c.isNumber) || (c == "+" && offset == 0) || " -./()\u{00A0}\t".contains(c)
            if !allowed { return Problem(raw: raw, reason: "is not a phone number (unexpected \"\(c)\")") }
        }
        return Problem(raw: raw, reason: "is not a phone number")
    }

    private static func lengths(_ country: CallingCountry) -> String {
        let r = country.nationalLengths
        return r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)"
    }

    /// Splits `… ext. 12`, `… x12`, `… #12`, `… wew. 12` (Polish), `… доб. 12` (Russian).
    static func splitExtension(_ text: String) -> (Substring, String?) {
        // The common case — digits and separators only — has no extension marker to look for.
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x28 || $0 == 0x29 || $0 == 0x2F }) {
            return (Substring(text), nil)
        }
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
