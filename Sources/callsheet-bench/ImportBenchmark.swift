import ArgumentParser
import CallsheetDaemon
import CallsheetTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `callsheet-bench import`: a generated client CSV through the socket end to end
/// (`callsheetctl client import < file`), beside `psql \copy` of the same file into a bare
/// table in the same cluster, measured in the same run; and the daemon's peak RSS.
struct ImportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Client CSV import throughput and daemon memory.")

    @Option(help: "Rows in the generated file.")
    var rows = 1_000_000

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-import"

    @Option(name: .customLong("server-setting"), help: "A postgresql.conf setting for the run, KEY=VALUE (repeatable), to try tuning.")
    var serverSettings: [String] = []

    func run() async throws {
        try freshScratchDirectory(scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let file = scratch + "/clients.csv"
        try generate(rows: rows, to: file)
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0

        let settings = try serverSettingsYAML(serverSettings)
        let daemon = try DaemonProcess(stateDirectory: scratch + "/state", databaseURL: nil, configYAML: settings.isEmpty ? nil : settings)
        try await daemon.waitUntilReady(timeout: .seconds(120))
        let binaries = try PostgresBinaries.locate(configured: nil)

        // The bounds: psql \copy of the same file into a bare table with the same columns,
        // and into one with a primary key (on the external id), the shape of
        // ../shared/bounds/04_bulk.sh (~205,000 rows/s there).
        let psql = (binaries.directory as NSString).appendingPathComponent("psql")
        let pgHost = daemon.stateDirectory + "/postgres"
        var copySeconds: [Double] = []
        for (table, key) in [("bench_copy", ""), ("bench_copy_keyed", " PRIMARY KEY")] {
            let create = try await ExternalProgram.run(
                psql,
                [
                    "-X", "-q", "-h", pgHost, "-U", "callsheet", "-d", "callsheet", "-c",
                    "CREATE TABLE \(table) (name text, phone text, email text, contact text, segment text, tags text, external_id text\(key))",
                ])
            guard create.succeeded else { throw ValidationError("psql failed: \(create.output)") }
            let copyStart = ContinuousClock.now
            let copy = try await ExternalProgram.run(
                psql,
                [
                    "-X", "-q", "-h", pgHost, "-U", "callsheet", "-d", "callsheet", "-c",
                    "\\copy \(table) FROM '\(file)' WITH (FORMAT csv, HEADER true)",
                ])
            copySeconds.append((ContinuousClock.now - copyStart).seconds)
            guard copy.succeeded else { throw ValidationError("psql \\copy failed: \(copy.output)") }
        }

        // Callsheet: callsheetctl client import < file, through the console socket.
        let rssBefore = daemon.residentKiB() ?? 0
        let (importSeconds, answer) = try daemon.timedCtl(["client", "import", "--source", "bench"], input: file, scratch: scratch)
        let peak = daemon.peakResidentKiB() ?? 0
        try await daemon.stop()
        for line in daemon.log().split(separator: "\n") where line.contains("client import written") { print("daemon: \(line)") }

        let copyRates = copySeconds.map { Double(rows) / $0 }, importRate = Double(rows) / importSeconds
        print("callsheet-bench import — \(rows) rows, \(size / 1_048_576) MiB CSV")
        print("| measurement | time | rows/s |")
        print("| --- | --- | --- |")
        print("| psql \\copy into a bare table (bound) | \(String(format: "%.2f s", copySeconds[0])) | \(Int(copyRates[0])) |")
        print("| psql \\copy into a bare table with a primary key (04_bulk.sh's shape) | \(String(format: "%.2f s", copySeconds[1])) | \(Int(copyRates[1])) |")
        print("| callsheetctl client import < file | \(String(format: "%.2f s", importSeconds)) | \(Int(importRate)) |")
        print(
            "import/\\copy ratio \(String(format: "%.2f", importRate / copyRates[0])) (with a primary key \(String(format: "%.2f", importRate / copyRates[1])));"
                + " daemon RSS before \(rssBefore / 1024) MiB, peak \(peak / 1024) MiB")
        print("answer: \(answer.split(separator: "\n").last ?? "")")
    }

    private func generate(rows: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = "name,phone,email,contact,segment,tags,external_id\n"
        let segments = ["company", "individual", "vip", "company"]
        for i in 1...rows {
            chunk +=
                "\"Firma \(i), Sp. z o.o.\",+48 5\(String(format: "%02d %03d %03d", i / 1_000_000 % 100, i / 1000 % 1000, i % 1000)),kontakt\(i)@example.pl,Osoba \(i),\(segments[i % 4]),seminar|b2b,EXT-\(i)\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
