import Foundation
import Testing

@testable import CallsheetDaemon

/// The shipped example files must stay loadable as the code changes.
@Suite struct DeployFilesTests {

    @Test func theDeployConfigLoads() throws {
        let config = try DaemonConfiguration.load(file: RepositoryFiles.root.appendingPathComponent("deploy/callsheet.yaml").path)
        #expect(config.socketPath == "/run/callsheet/console.sock")
        #expect(config.database.url?.hasPrefix("postgres://") == true)
        #expect(config.roles.manager.groups == ["callsheet-managers"])
        // The unit sets no WorkingDirectory, so a relative workflows_dir would point into /.
        #expect(config.workflowsDirectory.hasPrefix("/"), "deploy/callsheet.yaml: workflows_dir must be absolute")
        let unit = try String(contentsOf: RepositoryFiles.root.appendingPathComponent("deploy/callsheetd.service"), encoding: .utf8)
        #expect(unit.contains(config.workflowsDirectory), "the unit's install steps must put the workflows where the config says")
    }

    @Test func everyConsoleCommandIsDocumented() throws {
        let doc = try String(contentsOf: RepositoryFiles.root.appendingPathComponent("docs/console.md"), encoding: .utf8)
        for command in CallsheetConsoleCommands.names {
            #expect(doc.contains("| `\(command)"), "docs/console.md does not document '\(command)'")
        }
    }
}
