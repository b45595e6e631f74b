import CallsheetDomain
import CallsheetTestSupport
import Foundation
import Testing

/// The issue's "done when", through a real daemon: a manager with only a browser (curl and
/// a password) signs in, takes their next call, records its outcome and reads their
/// agenda; an administrator (API token) runs every report and gets numbers as numbers.
@Suite struct HTTPCallLoopTests {
    @Test func aManagerWorksACallAndAnAdministratorReadsEveryReport() async throws {
        try await DaemonFixture.withSeededDaemon() { seeded in
            let (daemon, port, scratch, thisWeek) = (seeded.daemon, seeded.port, seeded.scratch, seeded.week)
            #expect(try await WebAccountTests.setPassword("anna", WebAccountTests.password, on: daemon).isOK)
            var web = WebClient(port: port, jar: scratch + "/jar")
            #expect(try await web.signIn("anna", WebAccountTests.password).status == 200)

            let next = try await web.send("POST", "/api/v1/next", json: #"{"campaign":"seminar"}"#)
            #expect(next.status == 200, "\(next)")
            let task = try #require(next.object["task"] as? [String: Any], "\(next)")
            let id = try #require(task["id"] as? Int)
            let outcomes = try #require(next.object["outcomes"] as? [String])
            #expect(outcomes.contains("no-answer"), "\(outcomes)")
            #expect((next.object["client"] as? [String: Any])?["name"] as? String != nil)
            let again = try await web.send("POST", "/api/v1/next")
            #expect((again.object["task"] as? [String: Any])?["id"] as? Int == id && again.object["resumed"] as? Bool == true, "the held call again: \(again)")

            let missing = try await web.send("POST", "/api/v1/tasks/\(id)/outcome", json: "{}")
            #expect(missing.status == 422 && missing.body.contains("outcome"), "\(missing)")
            let unknown = try await web.send("POST", "/api/v1/tasks/\(id)/outcome", json: #"{"outcome":"teleported"}"#)
            #expect(unknown.status == 422 || unknown.status == 409, "\(unknown)")
            let done = try await web.send("POST", "/api/v1/tasks/\(id)/outcome", json: #"{"outcome":"no-answer","note":"voicemail","request_id":"r-1"}"#)
            #expect(done.status == 200 && done.object["task"] as? Int == id && done.object["replayed"] as? Bool == false, "\(done)")
            let replay = try await web.send("POST", "/api/v1/tasks/\(id)/outcome", json: #"{"outcome":"no-answer","note":"voicemail","request_id":"r-1"}"#)
            #expect(replay.status == 200 && replay.object["replayed"] as? Bool == true, "a retried request answers the first result: \(replay)")
            let second = try await web.send("POST", "/api/v1/next")
            let secondID = try #require((second.object["task"] as? [String: Any])?["id"] as? Int, "\(second)")
            #expect(try await web.send("POST", "/api/v1/tasks/\(secondID)/release").status == 200)
            let agenda = try await web.send("GET", "/api/v1/agenda")
            #expect(agenda.status == 200 && agenda.object["entries"] is [Any] && agenda.object["due"] is Int, "\(agenda)")
            let other = try await web.send("GET", "/api/v1/agenda?manager=bart")
            #expect(other.status == 403, "\(other)")

            let token = try #require(try await DaemonHarness.run("token create ewa --name reports", on: daemon).field("token"))
            for report in ["funnel", "funnel?by=manager", "daily", "managers", "late", "untouched", "neglected", "offers", "forecast?campaign=seminar"] {
                let answer = try await web.send("GET", "/api/v1/reports/\(report)", token: token, origin: nil)
                #expect(answer.status == 200, "\(report): \(answer)")
            }
            let managers = try await web.send("GET", "/api/v1/reports/managers?by=calls", token: token, origin: nil)
            let rows = try #require((try? JSONSerialization.jsonObject(with: Data(managers.body.utf8))) as? [[String: Any]], "\(managers)")
            let anna = try #require(rows.first { $0["manager"] as? String == "anna" })
            #expect(anna["calls"] as? Int == 1 && anna["reach_rate"] as? Double == 0, "rates are fractions, counts numbers: \(anna)")
            // The administrator's resources do what the console's commands do.
            func admin(_ method: String, _ path: String, _ json: String? = nil) async throws -> WebClient.Answer {
                try await web.send(method, "/api/v1/" + path, json: json, token: token, origin: nil)
            }
            #expect(try await admin("POST", "campaigns", #"{"name":"books","workflow":"seminar-weekly","team":"ewa"}"#).status == 201)
            #expect(try await admin("POST", "campaigns", #"{"name":"books","workflow":"seminar-weekly","team":"ewa"}"#).status == 409)
            let added = try await admin("POST", "campaigns/books/clients", #"{"clients":[1,2,3]}"#)
            #expect(added.object["added"] as? Int == 3, "\(added)")
            let edited = try await admin("PATCH", "managers/bart", #"{"capacity":150,"email":"bart@example.com"}"#)
            #expect(edited.object["capacity"] as? Int == 150 && edited.object["email"] as? String == "bart@example.com", "\(edited)")
            #expect(try await admin("PATCH", "managers/bart", #"{"email":"bart at example"}"#).status == 422)
            let viewer = try await admin("POST", "viewers", #"{"login":"dora","name":"Dora","email":"dora@example.com"}"#)
            #expect(viewer.status == 201 && viewer.object["email"] as? String == "dora@example.com", "\(viewer)")
            let waves = try await admin("GET", "campaigns/seminar/waves")
            #expect(waves.status == 200 && waves.body.contains(#""week":"\#(thisWeek)""#), "\(waves)")
            #expect(try await admin("POST", "dnc", #"{"subject":"+48601000111","reason":"asked"}"#).status == 201)
            #expect(try await admin("GET", "dnc/+48601000111").object["listed"] as? Bool == true)
            #expect(try await admin("GET", "dnc").body.contains("+48601000111"))
            #expect(try await admin("DELETE", "dnc/+48601000111").object["removed"] as? Bool == true)
            #expect(try await admin("GET", "reports/daily?week=&manager=").status == 200, "an empty form field is no filter")
            let badWeek = try await web.send("GET", "/api/v1/reports/daily?week=soon", token: token, origin: nil)
            #expect(badWeek.status == 422 && badWeek.body.contains("ISO week"), "\(badWeek)")
        }
    }
}
