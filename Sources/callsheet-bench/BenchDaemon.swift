import ArgumentParser
import CallsheetClient
import CallsheetDaemon
import CallsheetTestSupport
import Foundation

/// A release daemon on its own embedded cluster for one benchmark, with timed psql and
/// console helpers and the set-up every call-centre benchmark shares.
struct BenchDaemon {
    let daemon: DaemonProcess
    let binDirectory: String

    /// Starts the daemon in `scratch/state` with `configYAML`, runs `body`, and stops the
    /// daemon however `body` ends.
    static func with(scratch: String, configYAML: String, httpPort: Int? = nil, _ body: (BenchDaemon) async throws -> Void) async throws {
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: configYAML, httpPort: httpPort)
        try await daemon.waitUntilReady(timeout: .seconds(120))
        do {
            try await body(BenchDaemon(daemon: daemon, binDirectory: try PostgresBinaries.locate(configured: nil).directory))
        } catch {
            _ = try? await daemon.stop()
            throw error
        }
        _ = try await daemon.stop()
    }

    /// `-h SOCKET_DIR -U callsheet` for PostgreSQL's client programs (the database goes last).
    var connectionArguments: [String] { ["-h", daemon.stateDirectory + "/postgres", "-U", "callsheet"] }

    /// Runs SQL with psql; returns the seconds it took.
    @discardableResult
    func sql(_ text: String) async throws -> Double {
        let start = ContinuousClock.now
        let result = try await ExternalProgram.run(binDirectory + "/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1"] + connectionArguments + ["-d", "callsheet", "-c", text])
        guard result.succeeded else { throw ValidationError("psql failed: \(result.output)") }
        return (ContinuousClock.now - start).seconds
    }

    /// Runs one console command, which must answer OK; returns the reply and the seconds it took.
    @discardableResult
    func console(_ line: String) async throws -> (ConsoleReply, Double) {
        let start = ContinuousClock.now
        let reply = try await ConsoleClient.withConnection(socketPath: daemon.socketPath) { try await $0.run(line) }
        guard reply.isOK else { throw ValidationError("\(line): \(reply.status)") }
        return (reply, (ContinuousClock.now - start).seconds)
    }

    /// Administrator `ewa`, managers `m1…mN` of `capacity`, and `clients` clients with one phone each.
    func seedTeam(managers: Int, capacity: Int, clients: Int) async throws {
        try await console("admin add ewa --name Ewa")
        try await sql(
            """
            INSERT INTO manager (login, name, administrator_id, capacity, time_zone)
            SELECT 'm' || g, 'Manager ' || g, 1, \(capacity), 'Europe/Warsaw' FROM generate_series(1, \(managers)) g
            """)
        try await sql("INSERT INTO client (name, time_zone) SELECT 'Client ' || g, 'Europe/Warsaw' FROM generate_series(1, \(clients)) g")
        try await sql("INSERT INTO client_phone (client_id, position, e164, raw) SELECT id, 1, '+48' || (500000000 + id), (500000000 + id)::text FROM client")
    }
}

/// `--server-setting KEY=VALUE` options as the daemon config's `embedded.server_settings`
/// (empty when none), so that a benchmark run can try a `postgresql.conf` setting.
func serverSettingsYAML(_ settings: [String]) throws -> String {
    guard !settings.isEmpty else { return "" }
    var yaml = "embedded:\n  server_settings:\n"
    for setting in settings {
        let parts = setting.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { throw ValidationError("--server-setting \(setting) is not KEY=VALUE") }
        yaml += "    \(parts[0]): \"\(parts[1])\"\n"
    }
    return yaml
}
