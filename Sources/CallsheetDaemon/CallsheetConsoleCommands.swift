public import CallsheetConsole

/// The daemon's full command table: the session commands plus every feature's commands.
///
/// One list, so `help`, the docs check in the tests and the server all agree on what the
/// console understands. Later features append their command groups here.
public enum CallsheetConsoleCommands {
    public static var all: [ConsoleCommand] {
        SessionCommands.all + DirectoryCommands.all + ClientCommands.all + ClientImportCommands.all + DoNotCallCommands.all
            + WorkflowCommands.all + CampaignCommands.all + WaveCommands.all + AssignmentCommands.all + CallCommands.all + ReportCommands.all + ExportCommands.all
            + TokenCommands.all + ViewerCommands.all + AccountCommands.all + MailCommands.all
    }

    public static var names: [String] { all.map(\.name).sorted() }
}
