import CallsheetDaemon
import CallsheetDomain
import Foundation
import Testing

/// Files of this repository the daemon tests read (configuration, workflows, deploy files).
enum RepositoryFiles {
    /// The repository's root (three levels above this file).
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The shipped workflow files.
    static let workflows = root.appendingPathComponent("Config/workflows").path
}
