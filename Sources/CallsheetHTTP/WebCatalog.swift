import Foundation

/// The web screens' words in each language the teams work in (English, Russian, Polish,
/// Lithuanian, Romanian): `Catalogs/LANG.json`, shipped as resources and read once. A key
/// missing in one catalog falls back to English on the page; `WebCatalogTests` fails
/// the build's tests on any key missing anywhere, so that fallback is never seen.
struct WebCatalog: Sendable {
    /// `en`, `ru`, `pl`, `lt`, `ro`: the catalog's language and the locale of its dates
    /// and numbers.
    let language: String
    let strings: [String: String]

    static let languages = ["en", "ru", "pl", "lt", "ro"]

    static let all: [String: WebCatalog] = {
        var catalogs: [String: WebCatalog] = [:]
        let directory = HTTPFrontEnd.resourceDirectory?.appendingPathComponent("Catalogs")
        for language in languages {
            guard let url = directory?.appendingPathComponent("\(language).json"), let data = try? Data(contentsOf: url),
                let strings = try? JSONDecoder().decode([String: String].self, from: data)
            else { continue }
            catalogs[language] = WebCatalog(language: language, strings: strings)
        }
        let english = catalogs["en"]?.strings ?? [:]
        return catalogs.mapValues { WebCatalog(language: $0.language, strings: english.merging($0.strings) { $1 }) }
    }()

    static func named(_ language: String) -> WebCatalog {
        all[language] ?? all["en"] ?? WebCatalog(language: "en", strings: [:])
    }

    /// The best of ours for an `Accept-Language` header (`ru-RU,ru;q=0.9,en;q=0.5`):
    /// the highest-weighted language we have, by its primary subtag; English otherwise.
    static func negotiate(_ header: String?) -> String {
        guard let header else { return "en" }
        var best: (language: String, weight: Double)?
        for (index, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), let primary = tag.split(separator: "-").first.map(String.init) else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            // Earlier items win ties, as browsers list them in order of preference.
            let adjusted = weight - Double(index) * 1e-6
            if languages.contains(primary), weight > 0, adjusted > (best?.weight ?? -1) { best = (primary, adjusted) }
        }
        return best?.language ?? "en"
    }

    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The string `key` with `{name}` placeholders filled in.
    func format(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    var locale: Locale {
        Locale(identifier: ["en": "en_GB", "ru": "ru_RU", "pl": "pl_PL", "lt": "lt_LT", "ro": "ro_RO"][language] ?? "en_GB")
    }

    /// `6 Dec 2026, 14:30` in the catalog's language and `zone`.
    func dateTime(_ date: Date, zone: TimeZone) -> String { formatted(date, zone: zone, date: .medium, time: .short) }

    /// `14:30` in the catalog's language and `zone`.
    func time(_ date: Date, zone: TimeZone) -> String { formatted(date, zone: zone, date: .none, time: .short) }

    private func formatted(_ instant: Date, zone: TimeZone, date: DateFormatter.Style, time: DateFormatter.Style) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = zone
        formatter.dateStyle = date
        formatter.timeStyle = time
        return formatter.string(from: instant)
    }

    /// A calendar day (`2026-12-07`) in the catalog's language: `7 Dec 2026`.
    func day(_ iso: String) -> String {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyy-MM-dd"
        guard let date = parser.date(from: iso) else { return iso }
        return formatted(date, zone: TimeZone(identifier: "UTC")!, date: .medium, time: .none)
    }

    /// A fraction as a percentage in the catalog's form (`60.6%`, `60,6 %`).
    func percent(_ fraction: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .percent
        formatter.maximumFractionDigits = 1
        return formatter.string(from: NSNumber(value: fraction)) ?? String(format: "%.1f%%", fraction * 100)
    }

    /// Money as stored (`1500.50`) in the catalog's form (`1 500,50` in Polish).
    func money(_ text: String) -> String {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return text }
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        return formatter.string(from: value as NSDecimalNumber) ?? text
    }
}
