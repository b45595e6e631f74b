import CallsheetTestSupport
import Foundation
import Testing

/// The first `/api/v1` routes through a real daemon: API tokens made on the console sign a
/// script in with the login's role; the use cases' rules answer as HTTP statuses.
@Suite struct APITokenTests {
    static func api(_ port: Int, _ path: String, token: String?) async throws -> (body: String, status: String) {
        let auth = token.map { ["-H", "Authorization: Bearer \($0)"] } ?? []
        let answer = try await HTTPListenerTests.curl(auth + ["http://127.0.0.1:\(port)/api/v1/\(path)"])
        let lines = answer.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.dropLast().joined(separator: "\n"), String(lines.last ?? ""))
    }

    @Test func aTokenSignsInAsItsLoginUntilRevoked() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(httpPort: port) { daemon in
            for line in [
                "admin add ewa --name Ewa", "manager add anna --name Anna --team ewa", "manager add bart --name Bart --team ewa",
                "campaign create seminar --workflow seminar-weekly --team ewa",
            ] {
                let reply = try await DaemonHarness.run(line, on: daemon)
                #expect(reply.isOK, "\(line): \(reply.status)")
            }
            let made = try await DaemonHarness.run("token create ewa --name reports", on: daemon)
            let adminToken = try #require(made.field("token"), "\(made.status)")
            #expect(adminToken.hasPrefix("cs_") && adminToken.count > 40)
            let again = try await DaemonHarness.run("token create ewa --name reports", on: daemon)
            #expect(again.errorCode == "CONFLICT", "\(again.status)")
            let nobody = try await DaemonHarness.run("token create zed --name x", on: daemon)
            #expect(nobody.status == "ERR NOT_FOUND no administrator, active manager or viewer 'zed'")
            let annaToken = try #require(try await DaemonHarness.run("token create anna --name phone", on: daemon).field("token"))

            #expect(try await Self.api(port, "me", token: nil).status == "401")
            #expect(try await Self.api(port, "me", token: "cs_wrong").status == "401")
            let me = try await Self.api(port, "me", token: adminToken)
            #expect(me.status == "200" && me.body == #"{"login":"ewa","role":"admin"}"#, "\(me)")
            let campaigns = try await Self.api(port, "campaigns", token: annaToken)
            #expect(campaigns.status == "200" && campaigns.body.contains(#""name":"seminar""#), "\(campaigns)")
            let own = try await Self.api(port, "agenda", token: annaToken)
            #expect(own.status == "200" && own.body.contains(#""entries":[]"#), "\(own)")
            let other = try await Self.api(port, "agenda?manager=bart", token: annaToken)
            #expect(other.status == "403" && other.body.contains(#""code":"PERM""#), "a manager reads only their own agenda: \(other)")
            let badDate = try await Self.api(port, "agenda?date=tomorrow", token: adminToken)
            #expect(badDate.status == "422", "\(badDate)")

            #expect(try await DaemonHarness.run("viewer add dora --name Dora", on: daemon).status == "OK viewer=dora id=1")
            #expect(try await DaemonHarness.run("viewer add anna --name Again", on: daemon).errorCode == "CONFLICT", "one login, one person")
            #expect(try await DaemonHarness.run("manager add dora --name Dora --team ewa", on: daemon).errorCode == "CONFLICT", "a viewer's login stays a viewer's")
            #expect(try await DaemonHarness.run("admin add dora --name Dora", on: daemon).errorCode == "CONFLICT")
            let doraToken = try #require(try await DaemonHarness.run("token create dora --name board", on: daemon).field("token"))
            let dora = try await Self.api(port, "me", token: doraToken)
            #expect(dora.body == #"{"login":"dora","role":"viewer"}"#, "\(dora)")
            #expect(try await Self.api(port, "agenda?manager=bart", token: doraToken).status == "200", "a viewer reads any agenda")

            let listed = try await DaemonHarness.run("token list", on: daemon)
            #expect(listed.status == "OK tokens=3" && !listed.body.joined().contains(adminToken), "the list never shows a token: \(listed)")
            let id = try #require(made.field("id"))
            #expect(try await DaemonHarness.run("token revoke \(id)", on: daemon).isOK)
            #expect(try await Self.api(port, "me", token: adminToken).status == "401", "a revoked token signs no one in")
            #expect(try await DaemonHarness.run("manager deactivate anna", on: daemon).isOK)
            #expect(try await Self.api(port, "me", token: annaToken).status == "401", "a deactivated manager's tokens stop at once")
        }
    }
}
