import ArgumentParser

/// `callsheet-bench` — figures for BENCHMARKS.md, each next to the bare-PostgreSQL bound
/// measured in the same run (these machines are noisy; ratios travel, absolutes do not).
@main
struct CallsheetBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callsheet-bench",
        abstract: "Measure Callsheet against what PostgreSQL alone does on this machine.",
        subcommands: [
            StartupBenchmark.self, ImportBenchmark.self, DoNotCallImportBenchmark.self, WaveBenchmark.self, ClaimBenchmark.self, HTTPClaimBenchmark.self, ReportBenchmark.self,
        ]
    )
}
