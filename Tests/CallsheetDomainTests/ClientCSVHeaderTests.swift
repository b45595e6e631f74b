import CallsheetDomain
import Testing

@Suite struct ClientCSVHeaderTests {
    /// The sheets of the seed articles' languages import without `--map`.
    @Test(arguments: [
        ["Организация", "Телефон", "Эл. почта", "И.О. контактного лица", "Статус"],
        ["Nazwa firmy", "Telefon", "E-mail", "Osoba kontaktowa", "Status"],
        ["Įmonė", "Telefonas", "El. paštas", "Kontaktinis asmuo", "Būsena"],
        ["Denumire", "Telefon", "Email", "Persoana de contact", "Stare"],
        ["\u{FEFF}Organisation", " TEL ", "e-mail", "Contact person", "Current status"],
    ])
    func translatedHeadersMapToTheClientFields(header: [String]) throws {
        let mapped = try ClientCSVHeader.map(header, explicit: [:], ignoreUnknown: false).get()
        let fields = mapped.fields(of: ["Acme", "+48 22 123 45 67", "a@acme.pl", "Jan", "черный список"])
        #expect(fields.name == "Acme")
        #expect(fields.phones == ["+48 22 123 45 67"])
        #expect(fields.email == "a@acme.pl")
        #expect(fields.contact == "Jan")
        #expect(fields.status == "черный список")
    }

    @Test func unknownAndMissingColumnsAreNamed() {
        guard case .failure(let problems) = ClientCSVHeader.map(["Firma", "Stage"], explicit: [:], ignoreUnknown: false) else {
            Issue.record("mapped")
            return
        }
        #expect(problems.summary.contains("column \"Stage\" (column 2) is not a client field"))
        #expect(problems.summary.contains("no column for the phone"))
    }

    @Test func twoColumnsForOneFieldAreRefused() {
        guard case .failure(let problems) = ClientCSVHeader.map(["Name", "Телефон", "Phone"], explicit: [:], ignoreUnknown: false) else {
            Issue.record("mapped")
            return
        }
        #expect(problems.summary.contains("columns \"Телефон\" and \"Phone\" both map to phone"))
    }
}
