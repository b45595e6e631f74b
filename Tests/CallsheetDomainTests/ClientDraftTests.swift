import CallsheetDomain
import Testing

@Suite struct ClientDraftTests {
    let poland = CallingCountry.named("PL")!

    func fields(_ build: (inout ClientFields) -> Void) -> ClientFields {
        var f = ClientFields()
        build(&f)
        return f
    }

    @Test func aGoodRowBecomesADraftWithDerivedTimeZone() throws {
        let draft = try ClientDraft.validate(
            fields {
                $0.name = "  Acme Sp. z o.o. "
                $0.phones = ["+370 612 34567", "22 123 45 67", "+37061234567"]
                $0.segment = "VIP"
                $0.tags = ["Seminar", "seminar", " b2b "]
                $0.importance = "7"
                $0.email = "biuro@acme.pl"
            }, defaultCountry: poland
        ).get()
        #expect(draft.name == "Acme Sp. z o.o.")
        #expect(draft.phones.map(\.number.e164) == ["+37061234567", "+48221234567"], "duplicates within one client collapse")
        #expect(draft.segment == .vip)
        #expect(draft.tags == ["b2b", "seminar"])
        #expect(draft.importance == 7)
        #expect(draft.timeZone == "Europe/Vilnius")
    }

    @Test func everyProblemIsReported() {
        let result = ClientDraft.validate(
            fields {
                $0.phones = ["12ab"]
                $0.segment = "gold"
                $0.importance = "11"
                $0.email = "not-an-email"
                $0.timeZone = "Nowhere/City"
            }, defaultCountry: poland)
        guard case .failure(let problems) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(
            problems.problems == [
                "name is missing",
                "phone \"12ab\" is not a phone number (unexpected \"a\")",
                "e-mail \"not-an-email\" is not an e-mail address",
                "segment \"gold\" is not one of individual, company, vip, foreign",
                "importance \"11\" must be a whole number from 0 to 10",
                "time zone \"Nowhere/City\" is not an IANA time zone name such as Europe/Warsaw or America/New_York (Area/City)",
            ])
    }

    @Test func aClientNeedsAPhone() {
        let result = ClientDraft.validate(fields { $0.name = "No Phone Ltd" }, defaultCountry: poland)
        #expect(result == .failure(ClientProblems(["phone is missing"])))
    }

    @Test func segmentDefaultsToCompany() throws {
        let draft = try ClientDraft.validate(
            fields {
                $0.name = "X"; $0.phones = ["601234567"]
            }, defaultCountry: poland
        ).get()
        #expect(draft.segment == .company)
        #expect(draft.timeZone == "Europe/Warsaw")
    }

    /// Segment words of the seed languages' sheets, as the importer meets them.
    @Test(arguments: [
        ("Osoba prywatna", ClientSegment.individual), ("Физ. лицо", .individual), ("Fizinis asmuo", .individual), ("Persoană fizică", .individual),
        ("Firma", .company), ("Юр. лицо", .company), ("Įmonė", .company), ("Companie", .company), ("VIP", .vip),
        ("Zagraniczny", .foreign), ("Иностранный", .foreign), ("Užsienio", .foreign), ("Străin", .foreign),
    ])
    func translatedSegmentWords(text: String, segment: ClientSegment) {
        #expect(ClientSegment(text: text) == segment)
    }

    @Test func anUnknownSegmentWordIsNone() {
        #expect(ClientSegment(text: "Stammkunde") == nil)
    }
}
