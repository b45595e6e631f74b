import CallsheetDaemon
import CallsheetTestSupport
import Foundation

/// A browser-like client for the HTTP API in tests: curl with a cookie jar, the session's
/// CSRF token and this site's `Origin` sent on every change unless a test leaves them out.
struct WebClient {
    struct Answer: CustomStringConvertible {
        var status: Int
        var body: String
        var headers: String

        /// The body's top-level JSON object (empty when it is not one).
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        var code: String? { object["code"] as? String }
        var description: String { "\(status) \(body)" }
    }

    let base: String
    let jar: String
    var csrf: String?

    init(port: Int, jar: String) {
        self.base = "http://127.0.0.1:\(port)"
        self.jar = jar
    }

    /// A copy that talks to another daemon with the same cookies.
    func on(port: Int) -> WebClient {
        var other = WebClient(port: port, jar: jar)
        other.csrf = csrf
        return other
    }

    func send(
        _ method: String, _ path: String, json: String? = nil, token: String? = nil, withCSRF: Bool = true, origin: String? = "same",
        extraHeaders: [String] = [], formBody: String? = nil
    ) async throws -> Answer {
        let headerFile = jar + ".headers"
        var arguments = ["-sS", "--max-time", "30", "-o", "-", "-D", headerFile, "-w", "\n%{http_code}", "-X", method, "-b", jar, "-c", jar]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        if let formBody { arguments += ["--data-binary", formBody] }
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if withCSRF, let csrf { arguments += ["-H", "X-CSRF-Token: \(csrf)"] }
        if let origin { arguments += ["-H", "Origin: \(origin == "same" ? base : origin)"] }
        for header in extraHeaders { arguments += ["-H", header] }
        let result = try await ExternalProgram.run("/usr/bin/curl", arguments + [base + path])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        let headers = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        return Answer(status: Int(lines.last ?? "") ?? 0, body: lines.dropLast().joined(separator: "\n"), headers: headers)
    }

    /// Signs in with a password; keeps the session's CSRF token for later changes.
    mutating func signIn(_ login: String, _ password: String) async throws -> Answer {
        let answer = try await send("POST", "/api/v1/login", json: Self.json(["login": login, "password": password]))
        csrf = answer.object["csrf"] as? String
        return answer
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}
