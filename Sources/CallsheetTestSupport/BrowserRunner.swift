public import CallsheetDaemon
public import Foundation

/// Runs a test script of `Tests/Browser/`: browser tests — Debian's `chromium` and
/// `chromium-driver` (installed with apt-get on first use, like PostgreSQL) driven by
/// Selenium from PyPI, headless, `--no-sandbox` (tests run as root), `SE_OFFLINE=true` so
/// Selenium never downloads a driver — and the workbook reader (openpyxl from PyPI). The
/// Python packages live in a virtual environment under `.build/selenium-venv` made on
/// first use. Screenshots go to `.build/artefacts/browser/`.
public enum BrowserRunner {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// Where the scripts leave their screenshots.
    public static let artefacts = root.appendingPathComponent(".build/artefacts/browser").path
    static let environment = root.appendingPathComponent(".build/selenium-venv").path

    static let installed = Task<Void, any Error> {
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") || !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            let aptGet = try ExternalProgram.locate("apt-get")
            FileHandle.standardError.write(Data("chromium missing: apt-get install -y chromium chromium-driver\n".utf8))
            _ = try await ExternalProgram.run(aptGet, ["update", "-qq"])
            let install = try await ExternalProgram.run("/usr/bin/env", ["DEBIAN_FRONTEND=noninteractive", aptGet, "install", "-y", "-qq", "chromium", "chromium-driver"])
            guard install.succeeded else { throw EmbeddedPostgresError("apt-get install -y chromium chromium-driver failed: \(install.output)") }
        }
        let python = environment + "/bin/python"
        if FileManager.default.isExecutableFile(atPath: python), try await ExternalProgram.run(python, ["-c", "import selenium, openpyxl"]).succeeded { return }
        let made = try await ExternalProgram.run(try ExternalProgram.locate("python3"), ["-m", "venv", environment])
        guard made.succeeded else { throw EmbeddedPostgresError("python3 -m venv \(environment) failed: \(made.output)") }
        let pip = try await ExternalProgram.run(environment + "/bin/pip", ["install", "-q", "selenium>=4.20", "openpyxl>=3.1"])
        guard pip.succeeded else { throw EmbeddedPostgresError("pip install selenium openpyxl failed: \(pip.output)") }
    }

    /// Runs `Tests/Browser/NAME` with `arguments` (and `--out` the artefacts directory
    /// when `artefacts`); answers its exit status and everything it printed.
    public static func run(_ name: String, _ arguments: [String], artefacts wanted: Bool = true) async throws -> ExternalProgram.Result {
        try await installed.value
        try FileManager.default.createDirectory(atPath: artefacts, withIntermediateDirectories: true)
        let script = root.appendingPathComponent("Tests/Browser/\(name)").path
        return try await ExternalProgram.run(
            "/usr/bin/env", ["SE_OFFLINE=true", environment + "/bin/python", script] + arguments + (wanted ? ["--out", artefacts] : []))
    }
}
