import Foundation
import Testing

@testable import CallsheetHTTP

/// The web screens' language catalogs: every key in every language (a missing one fails
/// here, never on a page), placeholders kept, and the browser's language chosen well.
@Suite struct WebCatalogTests {
    static func catalog(_ language: String) throws -> [String: String] {
        let url = RepositoryFiles.root.appendingPathComponent("Sources/CallsheetHTTP/Catalogs/\(language).json")
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
    }

    @Test(arguments: WebCatalog.languages)
    func everyKeyIsInEveryCatalog(_ language: String) throws {
        let english = try Self.catalog("en"), other = try Self.catalog(language)
        #expect(Set(english.keys).subtracting(other.keys).sorted() == [], "\(language).json lacks these keys")
        #expect(Set(other.keys).subtracting(english.keys).sorted() == [], "\(language).json has keys English does not")
        for (key, text) in english {
            let placeholders = Set(text.matches(of: /\{[a-z_]+\}/).map { String($0.output) })
            let translated = Set((other[key] ?? "").matches(of: /\{[a-z_]+\}/).map { String($0.output) })
            #expect(placeholders == translated, "\(language).json \(key): placeholders \(translated) should be \(placeholders)")
            #expect(!(other[key] ?? "").isEmpty, "\(language).json \(key) is empty")
        }
    }

    @Test func everyKeyATemplateUsesIsInTheCatalog() throws {
        let english = try Self.catalog("en")
        let templates = RepositoryFiles.root.appendingPathComponent("Sources/CallsheetHTTP/Templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            for key in text.matches(of: /\{\{t\.([a-z_0-9]+)\}\}/).map({ String($0.output.1) }) {
                #expect(english[key] != nil, "\(name) uses t.\(key), which en.json lacks")
            }
        }
    }

    @Test func theBrowsersLanguageIsChosenByWeight() {
        #expect(WebCatalog.negotiate("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == "ru")
        #expect(WebCatalog.negotiate("de-DE,de;q=0.9,pl;q=0.8,en;q=0.7") == "pl", "the best language we have")
        #expect(WebCatalog.negotiate("en;q=0.5, lt;q=0.9") == "lt")
        #expect(WebCatalog.negotiate("ro") == "ro" && WebCatalog.negotiate("fr, de") == "en" && WebCatalog.negotiate(nil) == "en")
        #expect(WebCatalog.negotiate("ru;q=0, pl") == "pl", "q=0 means not this one")
    }

    @Test func moneyAndDatesInTheLocalesForm() {
        let polish = WebCatalog(language: "pl", strings: [:]), english = WebCatalog(language: "en", strings: [:])
        #expect(polish.money("1500.5").filter { $0.isNumber || $0 == "," } == "1500,50", "\(polish.money("1500.5"))")
        #expect(english.money("1500.5") == "1,500.50")
        #expect(english.day("2026-12-07") == "7 Dec 2026")
        #expect(WebCatalog(language: "ru", strings: [:]).day("2026-12-07").contains("2026"))
    }
}
