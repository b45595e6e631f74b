/// The release this build belongs to, reported by `version`, `status` and `--version`.
///
/// One constant, so the daemon, the console client and the benchmark never disagree.
public enum CallsheetVersion {
    public static let current = "0.1.0"
}
