import CallsheetClient
import CallsheetDaemon
import CallsheetStore
import CallsheetTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Bad input and limits over the real socket: each gets its error, and the daemon keeps
/// serving everyone else.
@Suite struct ConsoleSocketTests {
    @Test func badInputGetsErrorsAndTheConnectionStaysUsable() async throws {
        try await DaemonHarness.withDaemon { daemon in
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { client in
                try await client.sendRaw(Array(repeating: UInt8(ascii: "a"), count: 40_000) + [UInt8(ascii: "\n")])
                #expect(try await client.readReply().status == "ERR LIMIT line longer than 16384 bytes (console.max_line_bytes); it was discarded")
                try await client.sendRaw([0xFF, 0x00, 0xC3, 0x28, 0x9F, 0x01, UInt8(ascii: "\n")])
                #expect(try await client.readReply().errorCode == "SYNTAX")
                #expect(try await client.run("launch missiles").errorCode == "UNKNOWN_COMMAND")
                #expect(try await client.run("").status == "ERR SYNTAX empty line; type a command, or 'help' for the list")
                #expect(try await client.run("ping\r").status == "OK pong=yes")
                #expect(try await client.run("status").isOK)
            }
        }
    }

    @Test func aClientThatVanishesMidLineHurtsNoOne() async throws {
        try await DaemonHarness.withDaemon { daemon in
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { other in
                try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { rude in
                    try await rude.sendRaw(Array("sta".utf8))
                }
                try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { rude in
                    try await rude.send("ping <<END")
                    try await rude.send("half a payload")
                }
                #expect(try await other.run("ping").isOK)
            }
            #expect(try await DaemonHarness.run("status", on: daemon).isOK)
        }
    }

    @Test func everyCompleteLineIsAnsweredAfterTheClientStopsSending() async throws {
        try await DaemonHarness.withDaemon { daemon in
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { client in
                try await client.sendRaw(Array("ping\nversion\r\nwhoami\nunfinished".utf8))
                try await client.finishSending()
                var statuses: [String] = []
                while let reply = try await client.readReplyIfAny() { statuses.append(reply.status) }
                #expect(statuses == ["OK pong=yes", "OK version=0.1.0", "OK uid=0 user=root role=admin"])
            }
        }
    }

    @Test(.enabled(if: (try? ExternalProgram.locate("socat")) != nil, "socat is not installed"))
    func plainSocatWorks() async throws {
        try await DaemonHarness.withDaemon { daemon in
            let result = try await ExternalProgram.run("/bin/sh", ["-c", "echo status | socat - UNIX-CONNECT:\(daemon.socketPath)"])
            #expect(result.succeeded)
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.contains("database_reachable: yes"))
            #expect(lines.last?.hasPrefix("OK version=") == true)
        }
    }

    @Test func connectionLimitsAnswerLimit() async throws {
        try await DaemonHarness.withDaemon(config: "console:\n  max_connections: 3\n  max_connections_per_uid: 2\n") { daemon in
            // The daemon releases a closed connection's slot asynchronously, so an earlier
            // connection (readiness probe, an earlier try) may still hold one for a moment —
            // longer on a loaded CI machine: wait until `status` sees itself alone, then try.
            func quiet() async throws {
                for _ in 0..<200 {
                    let reply = try await DaemonHarness.run("status", on: daemon)
                    try await Task.sleep(for: .milliseconds(50))
                    if reply.isOK, reply.body.contains(where: { $0.hasPrefix("connections:") && $0.hasSuffix(" 1") }) { return }
                }
            }
            var refusal: String?
            for _ in 0..<50 where refusal == nil {
                try await quiet()
                refusal = try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { a in
                    try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { b in
                        guard try await a.run("ping").isOK, try await b.run("ping").isOK else { return nil }
                        return try await DaemonHarness.run("ping", on: daemon).status
                    }
                }
            }
            #expect(refusal == "ERR LIMIT uid 0 already has 2 console connections open (console.max_connections_per_uid)")
            // The daemon notices the closes asynchronously; the slots come back shortly after.
            var freed = false
            for _ in 0..<100 where !freed {
                freed = try await DaemonHarness.run("ping", on: daemon).isOK
                if !freed { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(freed, "slots are given back when connections close")
        }
    }

    @Test func idleSessionsAndStalledPayloadsTimeOut() async throws {
        try await DaemonHarness.withDaemon(config: "console:\n  idle_timeout_seconds: 1\n  payload_stall_seconds: 1\n") { daemon in
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { idle in
                try await Task.sleep(for: .milliseconds(1600))
                let reply = try await idle.readReply()
                #expect(reply.status == "ERR TIMEOUT no command for 1s (console.idle_timeout_seconds); closing the session")
                #expect(try await idle.readReplyIfAny() == nil)
            }
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { stalled in
                try await stalled.send("ping <<END")
                try await stalled.send("a line, then nothing")
                let reply = try await stalled.readReply()
                #expect(reply.status.hasPrefix("ERR TIMEOUT the payload stalled"))
            }
            #expect(try await DaemonHarness.run("ping", on: daemon).isOK)
        }
    }

    @Test func aReaderThatNeverReadsIsDropped() async throws {
        try await DaemonHarness.withDaemon(config: "console:\n  write_stall_seconds: 1\n") { daemon in
            try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { slow in
                let burst = String(repeating: "help\n", count: 5000)
                try await slow.sendRaw(Array(burst.utf8))
                try await Task.sleep(for: .seconds(3))
                #expect(try await DaemonHarness.run("ping", on: daemon).isOK, "others are served while one reader stalls")
                var answered = 0
                do {
                    while try await slow.readReplyIfAny() != nil { answered += 1 }
                } catch {}
                #expect(answered < 5000, "the stalled connection was closed before all answers were written")
            }
            #expect(try await DaemonHarness.run("ping", on: daemon).isOK)
        }
    }
}

/// The socket's file system side, and callsheetctl against it.
@Suite struct ConsoleSocketFileTests {
    @Test func socketIs0660InsideA0750Directory() async throws {
        try await DaemonHarness.withDaemon { daemon in
            var info = stat()
            #expect(stat(daemon.socketPath, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o660)
            #expect(stat(daemon.stateDirectory, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o750)
        }
    }

    @Test func aLiveSocketIsNeverTakenOver() async throws {
        let scratch = try DaemonHarness.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let yaml = "console:\n  socket: \(scratch)/shared/console.sock\n"
        try await DaemonHarness.withDaemon(config: yaml, socketPath: scratch + "/shared/console.sock") { first in
            let second = try DaemonProcess(stateDirectory: scratch + "/other", databaseURL: nil, configYAML: yaml)
            #expect(try await second.waitForExit() == 2)
            #expect(second.log().contains("another callsheetd is serving \(scratch)/shared"))
            let reply = try await ConsoleClient.withConnection(socketPath: scratch + "/shared/console.sock") { try await $0.run("ping") }
            #expect(reply.isOK, "the first daemon still serves its socket")
        }
    }

    @Test func callsheetctlExitCodesFollowTheAnswer() async throws {
        let ctl = ((try DaemonProcess.executable()) as NSString).deletingLastPathComponent + "/callsheetctl"
        try await DaemonHarness.withDaemon { daemon in
            let ok = try await ExternalProgram.run(ctl, ["--socket", daemon.socketPath, "status"])
            #expect(ok.status == 0)
            #expect(ok.output.hasSuffix("OK version=0.1.0 database=up schema=\(SchemaMigrations.latestVersion)"))
            let json = try await ExternalProgram.run(ctl, ["--socket", daemon.socketPath, "--json", "whoami"])
            #expect(json.status == 0)
            #expect(json.output.hasPrefix(#"{"ok":true,"uid":0"#))
            let quoted = try await ExternalProgram.run(ctl, ["--socket", daemon.socketPath, "help", "no such"])
            #expect(quoted.status == 1)
            #expect(quoted.output.contains("ERR NOT_FOUND no command 'no such'"))
        }
        let down = try await ExternalProgram.run(ctl, ["--socket", "/tmp/no-such-callsheet.sock", "status"])
        #expect(down.status == 2)
        #expect(down.output.contains("Is callsheetd running?"))
    }
}
