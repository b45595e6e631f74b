import ArgumentParser
import CallsheetClient
import CallsheetDaemon
import CallsheetTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Start-up to the first answer on the socket, cold (initdb) and warm (cluster exists),
/// beside bare `initdb --no-sync` + `pg_ctl -w start`; and the idle daemon's RSS.
struct StartupBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "startup", abstract: "Daemon start-up and idle memory.")

    @Option(help: "Runs of each measurement; the median is reported.")
    var runs = 5

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench"

    func run() async throws {
        try freshScratchDirectory(scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let binaries = try PostgresBinaries.locate(configured: nil)
        var bareInit: [Double] = [], bareStart: [Double] = [], cold: [Double] = [], warm: [Double] = [], rss: [Int] = []

        for run in 0..<runs {
            let (i, s) = try await bare(binaries: binaries, directory: "\(scratch)/bare\(run)")
            bareInit.append(i)
            bareStart.append(s)

            let state = "\(scratch)/d\(run)"
            let coldTime = try await timeToFirstAnswer(state: state)
            cold.append(coldTime.seconds)
            try await coldTime.daemon.stop()
            let warmTime = try await timeToFirstAnswer(state: state)
            warm.append(warmTime.seconds)
            _ = try await ConsoleClient.withConnection(socketPath: warmTime.daemon.socketPath) { try await $0.run("status") }
            try await Task.sleep(for: .milliseconds(500))
            rss.append(warmTime.daemon.residentKiB() ?? 0)
            try await warmTime.daemon.stop()
        }

        func ms(_ values: [Double]) -> String { String(format: "%.0f ms", median(values) * 1000) }
        print("callsheet-bench startup — median of \(runs) runs")
        print("| measurement | median |")
        print("| --- | --- |")
        print("| bare initdb --no-sync | \(ms(bareInit)) |")
        print("| bare pg_ctl -w start | \(ms(bareStart)) |")
        print("| bare initdb + start | \(ms(zip(bareInit, bareStart).map { $0 + $1 })) |")
        print("| callsheetd cold (initdb, start, migrate, first answer) | \(ms(cold)) |")
        print("| callsheetd warm (start, first answer) | \(ms(warm)) |")
        print("| callsheetd idle RSS | \(String(format: "%.1f", median(rss.map(Double.init)) / 1024)) MiB |")
        print(
            "cold/bare ratio \(String(format: "%.2f", median(cold) / median(zip(bareInit, bareStart).map { $0 + $1 }))), warm/bare-start ratio \(String(format: "%.2f", median(warm) / median(bareStart)))"
        )
    }

    private func timeToFirstAnswer(state: String) async throws -> (seconds: Double, daemon: DaemonProcess) {
        let start = ContinuousClock.now
        let daemon = try DaemonProcess(stateDirectory: state, databaseURL: nil)
        try await daemon.waitUntilReady(timeout: .seconds(120))
        return ((ContinuousClock.now - start).seconds, daemon)
    }

    private func bare(binaries: PostgresBinaries, directory: String) async throws -> (Double, Double) {
        let asUser: String? = geteuid() == 0 ? "postgres" : nil
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let asUser { _ = try await ExternalProgram.run("/bin/chown", [asUser, directory]) }
        let data = directory + "/data"
        let t0 = ContinuousClock.now
        let initdb = try await ExternalProgram.run(binaries.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asUser: asUser)
        let t1 = ContinuousClock.now
        guard initdb.succeeded else { throw ValidationError("initdb failed: \(initdb.output)") }
        let options = "-c listen_addresses='' -k \(directory) -p 5432"
        let start = try await ExternalProgram.run(binaries.pgCtl, ["start", "-D", data, "-l", directory + "/log", "-w", "-s", "-o", options], asUser: asUser)
        let t2 = ContinuousClock.now
        guard start.succeeded else { throw ValidationError("pg_ctl start failed: \(start.output)") }
        _ = try await ExternalProgram.run(binaries.pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-s"], asUser: asUser)
        return ((t1 - t0).seconds, (t2 - t1).seconds)
    }
}

/// An empty scratch directory, mode 0755 so the `postgres` user can reach a cluster in it.
func freshScratchDirectory(_ path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
