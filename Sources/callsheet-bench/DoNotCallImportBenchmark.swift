import ArgumentParser
import CallsheetDaemon
import CallsheetTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `callsheet-bench dnc-import`: a national registry's file (`phone,reason`) through the
/// socket end to end (`callsheetctl dnc import < file`), beside `psql \copy` of the same
/// file into a bare table in the same cluster, and the daemon's peak RSS. With
/// `--explain-listed N`, then fills the lists to N numbers and prints the plan of the
/// claim's do-not-call check, to show it stays one index probe.
struct DoNotCallImportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dnc-import", abstract: "Do-not-call import throughput, memory, and the claim's check at registry size.")

    @Option(help: "Numbers in the generated file.")
    var rows = 1_000_000

    @Option(help: "After the import, grow the lists to this many numbers and EXPLAIN the claim's check (0: skip).")
    var explainListed = 0

    @Option(help: "Scratch directory (must be reachable by the postgres user when run as root).")
    var scratch = "/tmp/callsheet-bench-dnc"

    func run() async throws {
        try freshScratchDirectory(scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let file = scratch + "/registry.csv"
        try generate(rows: rows, to: file)
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        try await BenchDaemon.with(scratch: scratch, configYAML: "") { bench in
            try await bench.seedTeam(managers: 10, capacity: 10_000, clients: 100_000)
            try await bench.sql("CREATE TABLE bench_copy (phone text, reason text)")
            let copySeconds = try await bench.sql("\\copy bench_copy FROM '\(file)' WITH (FORMAT csv, HEADER true)")
            // What PostgreSQL alone does for one table shaped like the listing (a generated
            // key and a unique index on the number), with its WAL — the floor for one of the
            // three tables the import writes.
            try await bench.sql("CREATE TABLE bench_listed (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, phone text, reason text)")
            try await bench.sql("CREATE UNIQUE INDEX ON bench_listed (phone)")
            let listedSeconds = try await bench.sql("\\copy bench_listed (phone, reason) FROM '\(file)' WITH (FORMAT csv, HEADER true)")

            let rssBefore = bench.daemon.residentKiB() ?? 0
            let (importSeconds, answer) = try bench.daemon.timedCtl(["dnc", "import"], input: file, scratch: scratch)
            let peak = bench.daemon.peakResidentKiB() ?? 0

            let copyRate = Double(rows) / copySeconds, importRate = Double(rows) / importSeconds
            print("callsheet-bench dnc-import — \(rows) numbers, \(size / 1_048_576) MiB CSV, 100,000 clients")
            print("| measurement | time | numbers/s |")
            print("| --- | --- | --- |")
            print("| psql \\copy into a bare table (bound) | \(String(format: "%.2f s", copySeconds)) | \(Int(copyRate)) |")
            print(
                "| psql \\copy into a table with a key and a unique index (one table of three) | \(String(format: "%.2f s", listedSeconds)) | \(Int(Double(rows) / listedSeconds)) |"
            )
            print("| callsheetctl dnc import < file | \(String(format: "%.2f s", importSeconds)) | \(Int(importRate)) |")
            print("import/\\copy ratio \(String(format: "%.2f", importRate / copyRate)); daemon RSS before \(rssBefore / 1024) MiB, peak \(peak / 1024) MiB")
            print("answer: \(answer.split(separator: "\n").last ?? "")")

            guard explainListed > rows else { return }
            // Grow the global list straight in SQL (the import path is measured above).
            try await bench.sql(
                """
                WITH e AS (
                    INSERT INTO dnc_event (action, phone_e164, reason, actor_uid, actor_name)
                    SELECT 'add', '+4871' || lpad(g::text, 8, '0'), 'bench', 0, 'bench' FROM generate_series(1, \(explainListed - rows)) g
                    RETURNING id, at, phone_e164
                ) INSERT INTO dnc_listing (phone_e164, since, reason, added_by, event_id) SELECT phone_e164, at, 'bench', 'bench', id FROM e
                """)
            try await bench.sql("ANALYZE dnc_listing; ANALYZE client_phone")
            let plan = try await ExternalProgram.run(
                bench.binDirectory + "/psql",
                ["-X", "-q"] + bench.connectionArguments + [
                    "-d", "callsheet", "-c",
                    """
                    EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
                    SELECT (SELECT count(*) FROM dnc_listing)::int AS listed,
                           NOT EXISTS (SELECT 1 FROM dnc_listing d WHERE d.client_id = 77 AND (d.campaign_id IS NULL OR d.campaign_id = 1))
                           AND NOT EXISTS (SELECT 1 FROM client_phone p JOIN dnc_listing d ON d.phone_e164 = p.e164
                                           WHERE p.client_id = 77 AND (d.campaign_id IS NULL OR d.campaign_id = 1)) AS callable
                    """,
                ])
            print("The claim's do-not-call check for one client with \(explainListed) listed numbers (ClaimStatement.claimable):")
            print(plan.output)
        }
    }

    /// Polish mobile numbers, half of them with a reason; the first 1,000 are the clients'.
    private func generate(rows: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = "phone,reason\n"
        for i in 0..<rows {
            let number = i < 1000 ? 500_000_001 + i * 97 : 600_000_000 + i
            chunk += "+48 \(number / 1_000_000) \(String(format: "%03d %03d", number / 1000 % 1000, number % 1000)),\(i % 2 == 0 ? "registry 2026-12" : "asked not to be called")\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
