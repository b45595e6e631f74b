import CallsheetDomain
import Testing

@Suite struct PhoneNumberTests {
    static let poland = CallingCountry.named("PL")!

    @Test(arguments: [
        ("+48 22 123 45 67", "+48221234567"),
        ("0048 22 123 45 67", "+48221234567"),
        ("22 123-45-67", "+48221234567"),
        ("(22) 123 45 67", "+48221234567"),
        ("(0 22) 123 45 67", "+48221234567"),
        ("601.234.567", "+48601234567"),
        ("+48601234567", "+48601234567"),
        ("+370 612 34567", "+37061234567"),
        ("+40 721 234 567", "+40721234567"),
        ("+40 0721 234 567", "+40721234567"),
        ("+7 495 123-45-67", "+74951234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("+1 (212) 555-0100", "+12125550100"),
        ("+86 10 1234 5678", "+861012345678"),
        ("\u{00A0}+48 22 123 45 67 ", "+48221234567"),
    ])
    func normalisesToE164(raw: String, e164: String) throws {
        #expect(try PhoneNumber.parse(raw, defaultCountry: Self.poland).e164 == e164)
    }

    @Test func nationalNumbersUseTheDefaultCountryAndItsTrunkPrefix() throws {
        #expect(try PhoneNumber.parse("8 612 34567", defaultCountry: .named("LT")!).e164 == "+37061234567")
        #expect(try PhoneNumber.parse("0721 234 567", defaultCountry: .named("RO")!).e164 == "+40721234567")
        #expect(try PhoneNumber.parse("8 (495) 123-45-67", defaultCountry: .named("RU")!).e164 == "+74951234567")
        #expect(try PhoneNumber.parse("020 7946 0958", defaultCountry: .named("GB")!).e164 == "+442079460958")
    }

    @Test(arguments: [
        ("+48 22 123 45 67 wew. 12", "12"),
        ("22 123 45 67 ext. 305", "305"),
        ("+48221234567 x7", "7"),
        ("+48221234567#99", "99"),
        ("+7 495 123-45-67 доб. 4", "4"),
    ])
    func extensionsAreKeptApart(raw: String, ext: String) throws {
        let number = try PhoneNumber.parse(raw, defaultCountry: Self.poland)
        #expect(number.extensionDigits == ext)
        #expect(number.description.hasSuffix("ext. \(ext)"))
    }

    @Test func countryIsRecordedForTimeZones() throws {
        #expect(try PhoneNumber.parse("+370 612 34567", defaultCountry: Self.poland).country == "LT")
        #expect(try PhoneNumber.parse("+86 10 1234 5678", defaultCountry: Self.poland).country == nil)
        #expect(CallingCountry.named("lt")?.timeZone == "Europe/Vilnius")
    }

    @Test(arguments: [
        ("12ab", "phone \"12ab\" is not a phone number (unexpected \"a\")"),
        ("", "phone \"\" is empty"),
        ("---", "phone \"---\" is not a phone number (no digits)"),
        ("123", "phone \"123\" has 3 digits; a PL number has 9 (write foreign numbers with +country code)"),
        ("+48 22 123 45", "phone \"+48 22 123 45\" has 7 digits after +48; a PL number has 9"),
        ("+12", "phone \"+12\" is not a valid international number (2 digits after the country code prefix; E.164 allows 8 to 15)"),
        ("+1234567890123456", "phone \"+1234567890123456\" is not a valid international number (16 digits after the country code prefix; E.164 allows 8 to 15)"),
        ("22+1234567", "phone \"22+1234567\" is not a phone number (unexpected \"+\")"),
    ])
    func garbageIsRejectedWithAReason(raw: String, message: String) {
        #expect(throws: PhoneNumber.Problem.self) { try PhoneNumber.parse(raw, defaultCountry: Self.poland) }
        do {
            _ = try PhoneNumber.parse(raw, defaultCountry: Self.poland)
        } catch {
            #expect(error.description == message)
        }
    }
}
