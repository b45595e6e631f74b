import Foundation
import Mustache

/// The web pages' Mustache templates (`Templates/*.mustache`, shipped as this module's
/// resources beside the executable), read once. Values are HTML-escaped by Mustache
/// (`{{name}}`); no template uses the unescaped form for anything a person typed.
enum WebTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        guard let directory = HTTPFrontEnd.resourceDirectory?.appendingPathComponent("Templates"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return library }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { continue }
            try? library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return library
    }()

    /// The page `name` rendered with `values`; a plain message when the templates are not
    /// installed (the API still works without them).
    static func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name)
            ?? "<!doctype html><title>Callsheet</title><p>The web page templates were not installed beside callsheetd (\(HTTPFrontEnd.resourceBundleName)/Templates).</p>"
    }
}
