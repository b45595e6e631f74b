import CallsheetHTTP
import CallsheetServices
import CallsheetTestSupport
import Foundation
import Testing
import Yams

/// `docs/openapi.yaml` is the API's contract: every route the router has is in it, and
/// every operation in it is a route — a route added without its description, or a
/// description left behind by a removed route, fails here.
@Suite struct OpenAPIContractTests {
    static func document() throws -> [String: Any] {
        let path = RepositoryFiles.root.path + "/docs/openapi.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// `POST /api/v1/tasks/{id}/outcome` for every operation of the document.
    static func documentedOperations() throws -> Set<String> {
        let document = try document()
        let base = try #require((document["servers"] as? [[String: Any]])?.first?["url"] as? String)
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in ((item as? [String: Any]) ?? [:]).keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                operations.insert("\(method.uppercased()) \(base)\(path)")
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() async throws {
        try await TestDatabase.with { database, _ in
            let useCases = UseCases(database: database, settings: DirectorySettings())
            let router = HTTPFrontEnd(version: "test", useCases: useCases) { .init(databaseReachable: true, schemaVersion: nil, problem: nil) }.router()
            let routes = Set(
                router.routes.map { route in
                    let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                    return "\(route.method) /\(path)"
                }
                .filter { $0.contains(" /api/v1/") })
            let documented = try Self.documentedOperations()
            #expect(routes.count > 25, "\(routes)")
            #expect(routes.subtracting(documented).sorted() == [], "routes missing from docs/openapi.yaml")
            #expect(documented.subtracting(routes).sorted() == [], "operations in docs/openapi.yaml that no route serves")
        }
    }

    @Test func theDaemonServesTheDocument() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(httpPort: port) { daemon in
            let served = try await HTTPListenerTests.curl(["http://127.0.0.1:\(port)/api/v1/openapi.yaml"])
            let text = try String(contentsOfFile: RepositoryFiles.root.path + "/docs/openapi.yaml", encoding: .utf8)
            #expect(served.output == text + "\n200", "\(served.output.suffix(200)) \(daemon.log().suffix(500))")
        }
    }
}
