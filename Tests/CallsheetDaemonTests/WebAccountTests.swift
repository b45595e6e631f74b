import CallsheetClient
import CallsheetTestSupport
import Foundation
import Testing

/// Web accounts through a real daemon: passwords set on the console, sign-in, the session
/// cookie, CSRF, the sign-in throttle, invitations and revocation.
@Suite struct WebAccountTests {
    static let password = "correct horse battery"
    /// The least Bcrypt cost: tests sign in dozens of times on a loaded machine.
    static let config = "http: {password_cost: 10}\n"

    /// Runs the console's `account password LOGIN <<END` with `password` as the payload.
    static func setPassword(_ login: String, _ password: String, on daemon: DaemonProcess) async throws -> ConsoleReply {
        try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { console in
            try await console.send("account password \(login) <<END")
            try await console.send(password)
            try await console.send("END")
            return try await console.readReply()
        }
    }

    static func people(on daemon: DaemonProcess) async throws {
        for line in ["admin add ewa --name Ewa", "manager add anna --name Anna --team ewa", "manager add bart --name Bart --team ewa"] {
            let reply = try await DaemonHarness.run(line, on: daemon)
            #expect(reply.isOK, "\(line): \(reply.status)")
        }
    }

    @Test func aPasswordSignsInAndEveryChangeNeedsTheTokenAndThisSite() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: Self.config, httpPort: port) { daemon in
            try await Self.people(on: daemon)
            #expect(try await Self.setPassword("anna", "anna-is-me-1", on: daemon).status.contains("must not contain the login"))
            #expect(try await Self.setPassword("anna", "short", on: daemon).errorCode == "INVALID")
            #expect(try await Self.setPassword("zed", Self.password, on: daemon).errorCode == "NOT_FOUND")
            #expect(try await Self.setPassword("anna", Self.password, on: daemon).status == "OK account=anna password=set")
            let noPayload = try await DaemonHarness.run("account password anna", on: daemon)
            #expect(noPayload.errorCode == "SYNTAX" && noPayload.status.contains("never the command line"), "\(noPayload.status)")

            var web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            #expect(try await web.send("GET", "/api/v1/me").status == 401)
            let wrong = try await web.signIn("anna", "not the password")
            #expect(wrong.status == 401 && wrong.code == "UNAUTHENTICATED", "\(wrong)")
            let signed = try await web.signIn("anna", Self.password)
            #expect(signed.status == 200 && signed.object["role"] as? String == "manager", "\(signed)")
            let cookie = signed.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: callsheet_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "\(cookie)")
            #expect(!cookie.contains("Secure"), "plain HTTP on loopback: no Secure flag")
            let me = try await web.send("GET", "/api/v1/me")
            #expect(me.object["login"] as? String == "anna" && me.object["csrf"] as? String == web.csrf, "\(me)")

            let noToken = try await web.send("POST", "/api/v1/next", withCSRF: false)
            #expect(noToken.status == 403 && noToken.body.contains("X-CSRF-Token"), "\(noToken)")
            var forged = web
            forged.csrf = "forged"
            #expect(try await forged.send("POST", "/api/v1/next").status == 403)
            let elsewhere = try await web.send("POST", "/api/v1/next", origin: "https://evil.example")
            #expect(elsewhere.status == 403 && elsewhere.body.contains("evil.example"), "\(elsewhere)")
            let noOrigin = try await web.send("POST", "/api/v1/next", origin: nil)
            #expect(noOrigin.status == 403, "a cookie without Origin or Sec-Fetch-Site is refused: \(noOrigin)")
            let fetchSite = try await web.send("POST", "/api/v1/next", origin: nil, extraHeaders: ["Sec-Fetch-Site: same-origin"])
            #expect(fetchSite.status == 200, "\(fetchSite)")
            let crossFetch = try await web.send("POST", "/api/v1/next", origin: nil, extraHeaders: ["Sec-Fetch-Site: cross-site"])
            #expect(crossFetch.status == 403, "\(crossFetch)")
            let next = try await web.send("POST", "/api/v1/next")
            #expect(next.status == 200 && next.body.contains(#""task":null"#), "\(next)")
            let loginElsewhere = try await WebClient(port: port, jar: daemon.stateDirectory + ".jar2")
                .send("POST", "/api/v1/login", json: WebClient.json(["login": "anna", "password": Self.password]), origin: "https://evil.example")
            #expect(loginElsewhere.status == 403, "a login posted from another site is refused: \(loginElsewhere)")

            #expect(try await web.send("POST", "/api/v1/logout").status == 200)
            #expect(try await web.send("GET", "/api/v1/me").status == 401, "signed out")
            let log = daemon.log()
            #expect(!log.contains(Self.password) && !log.contains("not the password"), "no password reaches the log")
            #expect(log.contains("sign-in refused") && log.contains("route=/api/v1/login"), "failed sign-ins and requests are logged")
        }
    }

    @Test func failedSignInsAreThrottledPerAccount() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: Self.config, httpPort: port) { daemon in
            try await Self.people(on: daemon)
            #expect(try await Self.setPassword("anna", Self.password, on: daemon).isOK)
            #expect(try await Self.setPassword("bart", Self.password, on: daemon).isOK)
            var web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            for attempt in 1...5 {
                let answer = try await web.signIn("anna", "guess number \(attempt)")
                #expect(answer.status == 401, "attempt \(attempt): \(answer)")
            }
            let throttled = try await web.signIn("anna", Self.password)
            #expect(throttled.status == 429 && throttled.code == "LIMIT", "even the right password waits: \(throttled)")
            #expect(throttled.headers.lowercased().contains("retry-after: 30"), "\(throttled.headers)")
            let other = try await web.signIn("bart", Self.password)
            #expect(other.status == 200, "another account from the same address is not held up by anna's: \(other)")
            #expect(daemon.log().contains("sign-in throttled"))
        }
    }

    /// One address guessing at many accounts: 20 failures, then it waits whatever the login.
    @Test func failedSignInsAreThrottledPerAddress() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: Self.config, httpPort: port) { daemon in
            try await Self.people(on: daemon)
            #expect(try await Self.setPassword("anna", Self.password, on: daemon).isOK)
            var web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            for attempt in 1...20 {
                let answer = try await web.signIn("guess\(attempt % 4)", "wrong password \(attempt)")
                #expect(answer.status == 401, "attempt \(attempt): \(answer)")
            }
            let held = try await web.signIn("anna", Self.password)
            #expect(held.status == 429, "the address waits, even for another account: \(held)")
            let invalid = try await web.signIn("bad\u{0}login", "x")
            #expect(invalid.status == 429 || invalid.status == 401, "a login with NUL is no server error: \(invalid)")
        }
    }

    @Test func anInvitationSetsThePasswordOnce() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: Self.config, httpPort: port) { daemon in
            try await Self.people(on: daemon)
            let invited = try await DaemonHarness.run("account invite bart", on: daemon)
            let link = try #require(invited.field("link"), "\(invited.status)")
            #expect(link.hasPrefix("http://127.0.0.1:\(port)/invite/"), "\(link)")
            let token = String(link.split(separator: "/").last ?? "")
            let listed = try await DaemonHarness.run("account list", on: daemon)
            #expect(listed.rows.first { $0["login"] == "bart" }?["invitation"]?.hasPrefix("until") == true, "\(listed.body)")
            let web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            let weak = try await web.send("POST", "/api/v1/invitations/accept", json: WebClient.json(["token": token, "password": "short"]))
            #expect(weak.status == 422 && weak.code == "INVALID", "\(weak)")
            let accepted = try await web.send("POST", "/api/v1/invitations/accept", json: WebClient.json(["token": token, "password": Self.password]))
            #expect(accepted.status == 200 && accepted.object["login"] as? String == "bart", "\(accepted)")
            let again = try await web.send("POST", "/api/v1/invitations/accept", json: WebClient.json(["token": token, "password": Self.password + "!"]))
            #expect(again.status == 404, "an invitation works once: \(again)")
            var bart = web
            #expect(try await bart.signIn("bart", Self.password).status == 200)

            // The link opens a page in the browser: a form, no JavaScript.
            let annaLink = try #require(try await DaemonHarness.run("account invite anna", on: daemon).field("link"))
            let path = "/invite/" + (annaLink.split(separator: "/").last ?? "")
            let page = try await web.send("GET", path, origin: nil)
            #expect(page.status == 200 && page.body.contains("<form method=\"post\"") && page.body.contains("<strong>anna</strong>"), "\(page)")
            #expect(page.headers.contains("Content-Security-Policy: default-src 'none'"), "\(page.headers)")
            let form = ["-H", "Content-Type: application/x-www-form-urlencoded"]
            let differ = try await web.send("POST", path, origin: nil, extraHeaders: form, formBody: "password=one+long+password&again=another+long+one")
            #expect(differ.status == 422 && differ.body.contains("The two passwords differ"), "\(differ)")
            let forged = try await web.send("POST", path, origin: "https://evil.example", extraHeaders: form, formBody: "password=x&again=x")
            #expect(forged.status == 403, "\(forged)")
            let set = try await web.send("POST", path, extraHeaders: form, formBody: "password=a%26b+long+password&again=a%26b+long+password")
            #expect(set.status == 200 && set.body.contains("Your password is set, anna"), "\(set)")
            #expect(try await web.send("GET", path, origin: nil).status == 404, "used up")
            var anna = web
            #expect(try await anna.signIn("anna", "a&b long password").status == 200)
            #expect(try await web.send("GET", "/invite/nonsense", origin: nil).body.contains("unknown, used or expired"))
        }
    }

    @Test func revokingAnAccountEndsItsSessionsAndTokens() async throws {
        let port = HTTPListenerTests.freePort()
        try await DaemonHarness.withDaemon(config: Self.config, httpPort: port) { daemon in
            try await Self.people(on: daemon)
            #expect(try await Self.setPassword("anna", Self.password, on: daemon).isOK)
            let token = try #require(try await DaemonHarness.run("token create anna --name phone", on: daemon).field("token"))
            var web = WebClient(port: port, jar: daemon.stateDirectory + ".jar")
            #expect(try await web.signIn("anna", Self.password).status == 200)
            #expect(try await DaemonHarness.run("account list", on: daemon).rows.first { $0["login"] == "anna" }?["sessions"] == "1")
            let revoked = try await DaemonHarness.run("account revoke anna", on: daemon)
            #expect(revoked.status == "OK account=anna revoked=yes sessions=1 tokens=1", "\(revoked.status)")
            #expect(try await web.send("GET", "/api/v1/me").status == 401, "the session ended")
            #expect(try await web.send("GET", "/api/v1/me", token: token).status == 401, "the token ended")
            let after = try await web.signIn("anna", Self.password)
            #expect(after.status == 401, "the password is gone: \(after)")
        }
    }

    /// Sessions live in PostgreSQL: one signed in through one daemon works on a second
    /// daemon of the same database, and after the first daemon restarts.
    @Test func aSessionIsSharedByTwoDaemonsAndSurvivesARestart() async throws {
        let url = try await TestCluster.shared.freshDatabase()
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ports = [HTTPListenerTests.freePort(), HTTPListenerTests.freePort() + 1]
        let first = try DaemonProcess(stateDirectory: scratch + "/d0", databaseURL: url.redacted, httpPort: ports[0])
        let second = try DaemonProcess(stateDirectory: scratch + "/d1", databaseURL: url.redacted, httpPort: ports[1])
        try await first.waitUntilReady()
        try await second.waitUntilReady()
        try await Self.people(on: first)
        #expect(try await Self.setPassword("anna", Self.password, on: first).isOK)
        var web = WebClient(port: ports[0], jar: scratch + "/jar")
        #expect(try await web.signIn("anna", Self.password).status == 200)
        let there = web.on(port: ports[1])
        let me = try await there.send("GET", "/api/v1/me")
        #expect(me.status == 200 && me.object["login"] as? String == "anna", "the second daemon knows the session: \(me)")
        #expect(try await there.send("POST", "/api/v1/next").status == 200, "and accepts its CSRF token")
        #expect(try await first.stop() == 0)
        let restarted = try DaemonProcess(stateDirectory: scratch + "/d2", databaseURL: url.redacted, httpPort: ports[0])
        try await restarted.waitUntilReady()
        let after = try await web.send("GET", "/api/v1/me")
        #expect(after.status == 200 && after.object["login"] as? String == "anna", "a restart signs no one out: \(after)")
        for daemon in [second, restarted] { #expect(try await daemon.stop() == 0) }
        await TestCluster.shared.drop(url)
    }
}
