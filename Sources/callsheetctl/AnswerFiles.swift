import Foundation

/// The files an answer carries (`export sheets`): each starts at a body line
/// `==> NAME <==` and runs to the next such line. `callsheetctl … --out DIR` writes them
/// into DIR (created if missing); the daemon itself never writes a file a console user names.
struct AnswerFiles {
    struct File {
        var name: String
        var lines: [String]
    }

    var files: [File]

    init(body: [String]) throws {
        var files: [File] = []
        for line in body {
            if line.hasPrefix("==> "), line.hasSuffix(" <=="), !line.contains(",") {
                let name = String(line.dropFirst(4).dropLast(4))
                guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { throw AnswerFilesError("the answer names a file \"\(name)\" that is not a plain file name") }
                files.append(File(name: name, lines: []))
            } else if !files.isEmpty {
                files[files.count - 1].lines.append(line)
            } else {
                throw AnswerFilesError("the answer carries no files (only export commands can be written with --out)")
            }
        }
        guard !files.isEmpty else { throw AnswerFilesError("the answer carries no files (only export commands can be written with --out)") }
        self.files = files
    }

    /// Writes every file into `directory`; returns the paths written.
    func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try files.map { file in
            let path = URL(fileURLWithPath: directory).appendingPathComponent(file.name).path
            // A byte-order mark and CRLF: Excel then opens the UTF-8 file with the right
            // letters (without the mark it reads it in the computer's legacy code page).
            let text = "\u{FEFF}" + file.lines.map { $0 + "\r\n" }.joined()
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw AnswerFilesError("cannot write \(path): \(error.localizedDescription)")
            }
            let rows = max(0, file.lines.count - 1)
            return "\(path) (\(rows) row\(rows == 1 ? "" : "s"))"
        }
    }
}

struct AnswerFilesError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
