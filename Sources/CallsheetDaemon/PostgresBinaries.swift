import Foundation

/// The PostgreSQL server programs the embedded cluster runs: `initdb`, `pg_ctl`, `postgres`.
///
/// Found, in order, in the configured `embedded.bin_dir`, `pg_config --bindir`, the newest
/// `/usr/lib/postgresql/*/bin` (Debian and Ubuntu), and `PATH`. Debian's `/usr/bin`
/// wrappers are skipped by looking for all three programs side by side.
public struct PostgresBinaries: Sendable, Equatable {
    public let directory: String

    public var initdb: String { (directory as NSString).appendingPathComponent("initdb") }
    public var pgCtl: String { (directory as NSString).appendingPathComponent("pg_ctl") }
    public var postgres: String { (directory as NSString).appendingPathComponent("postgres") }

    static let required = ["initdb", "pg_ctl", "postgres"]

    public init(directory: String) {
        self.directory = directory
    }

    public static func locate(configured: String?) throws(EmbeddedPostgresError) -> PostgresBinaries {
        if let configured {
            guard isComplete(configured) else {
                throw EmbeddedPostgresError("embedded.bin_dir \(configured) does not hold initdb, pg_ctl and postgres")
            }
            return PostgresBinaries(directory: configured)
        }
        for candidate in candidates() where isComplete(candidate) {
            return PostgresBinaries(directory: candidate)
        }
        throw EmbeddedPostgresError(notFoundMessage)
    }

    static let notFoundMessage = """
        the PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in pg_config --bindir, \
        /usr/lib/postgresql/*/bin or PATH. Install them (Debian/Ubuntu: apt-get install -y postgresql), \
        set embedded.bin_dir, or point database.url / CALLSHEET_DATABASE_URL at an existing PostgreSQL
        """

    static func candidates() -> [String] {
        var result: [String] = []
        if let pgConfig = try? ExternalProgram.locate("pg_config"),
            let out = try? ExternalProgram.run(pgConfig, ["--bindir"]), out.succeeded
        {
            result.append(out.output)
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap { name in Int(name).map { (name, $0) } }
            .sorted { $0.1 > $1.1 }
        result += versions.map { "\(debian)/\($0.0)/bin" }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        result += path.split(separator: ":").map(String.init)
        return result
    }

    static func isComplete(_ directory: String) -> Bool {
        required.allSatisfy { FileManager.default.isExecutableFile(atPath: (directory as NSString).appendingPathComponent($0)) }
    }
}

/// Why the embedded cluster could not be set up, started or stopped; the message says how to fix it.
public struct EmbeddedPostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
