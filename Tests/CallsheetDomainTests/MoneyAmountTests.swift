import CallsheetDomain
import Testing

@Suite struct MoneyAmountTests {
    @Test(arguments: [
        ("1500", "1500"),
        ("1500.50", "1500.50"),
        ("1500.5", "1500.5"),
        ("1500,50", "1500.50"),
        ("0,99", "0.99"),
        ("1 500", "1500"),
        ("1 500,50", "1500.50"),
        ("1\u{00A0}500,50", "1500.50"),
        ("12\u{202F}345\u{202F}678,9", "12345678.9"),
        ("1.500,50", "1500.50"),
        ("1,500.50", "1500.50"),
        ("1,500,000", "1500000"),
        ("1.500.000,00", "1500000.00"),
        ("1'500.50", "1500.50"),
        ("  2500 ", "2500"),
        ("999999999999.99", "999999999999.99"),
    ])
    func readsTheWaysPeopleWriteAmounts(text: String, canonical: String) throws {
        #expect(try MoneyAmount.parse(text).get().canonical == canonical)
    }

    @Test(arguments: [
        "", " ", "abc", "€1200", "1200 PLN", "-5", "+5", ".5", "5.", "5,", "1,,500", "1..5",
        "1500.505", "1 50", "15 00", "1,500.000,5", "1.500,000.5", "1 500.000 5", "1,50,000",
        "1.500.50", "1 500 000 000 000", "1e3", "١٢٣", "1500.50.", "12-50",
    ])
    func refusesWhatIsNoAmount(text: String) {
        guard case .failure(let error) = MoneyAmount.parse(text) else {
            Issue.record("\"\(text)\" was taken for an amount")
            return
        }
        #expect(error.message == "amount \"\(text)\" is not an amount like 1500, 1500.50 or 1 500,50")
    }

    /// One separator and three digits: fifteen hundred in one locale, one and a half in another.
    @Test(arguments: ["1,500", "1.500", "12,345", "999.000"])
    func refusesToGuessAThousandsOrDecimalSeparator(text: String) {
        guard case .failure(let error) = MoneyAmount.parse(text, subject: "budget") else {
            Issue.record("\"\(text)\" was guessed")
            return
        }
        let digits = text.filter(\.isNumber)
        #expect(error.message == "budget \"\(text)\" is ambiguous (a thousands separator or a decimal one?): write \(digits), or a decimal amount with at most two decimals")
    }
}
