import Foundation

/// The files an answer carries (`export sheets`, `export workbook`): each starts at a body
/// line `==> NAME <==` and runs to the next such line; `==> NAME (base64) <==` marks a
/// binary file (the workbook) sent as base64 lines. `callsheetctl … --out DIR` writes them
/// into DIR (created if missing); `--out FILE.xlsx` writes the one file of the answer
/// there. The daemon itself never writes a file a console user names.
struct AnswerFiles {
    struct File {
        var name: String
        var lines: [String]
        var binary = false
    }

    var files: [File]

    init(body: [String]) throws {
        var files: [File] = []
        for line in body {
            if line.hasPrefix("==> "), line.hasSuffix(" <=="), !line.contains(",") {
                var name = String(line.dropFirst(4).dropLast(4))
                let binary = name.hasSuffix(" (base64)")
                if binary { name = String(name.dropLast(" (base64)".count)) }
                guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { throw AnswerFilesError("the answer names a file \"\(name)\" that is not a plain file name") }
                files.append(File(name: name, lines: [], binary: binary))
            } else if !files.isEmpty {
                files[files.count - 1].lines.append(line)
            } else {
                throw AnswerFilesError("the answer carries no files (only export commands can be written with --out)")
            }
        }
        guard !files.isEmpty else { throw AnswerFilesError("the answer carries no files (only export commands can be written with --out)") }
        self.files = files
    }

    /// Writes every file into `directory` — or, when `directory` names a file of the one
    /// file's kind (`week.xlsx`), that file; returns the paths written.
    func write(to directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if files.count == 1, !(exists && isDirectory.boolValue), (directory as NSString).pathExtension == (files[0].name as NSString).pathExtension {
            return [try write(files[0], at: directory)]
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try files.map { file in
            try write(file, at: URL(fileURLWithPath: directory).appendingPathComponent(file.name).path)
        }
    }

    private func write(_ file: File, at path: String) throws -> String {
        if file.binary {
            guard let data = Data(base64Encoded: file.lines.joined()) else { throw AnswerFilesError("the answer's \(file.name) is not valid base64") }
            do {
                try data.write(to: URL(fileURLWithPath: path))
            } catch {
                throw AnswerFilesError("cannot write \(path): \(error.localizedDescription)")
            }
            return "\(path) (\(data.count) bytes)"
        }
        do {
            // A byte-order mark and CRLF: Excel then opens the UTF-8 file with the right
            // letters (without the mark it reads it in the computer's legacy code page).
            let text = "\u{FEFF}" + file.lines.map { $0 + "\r\n" }.joined()
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw AnswerFilesError("cannot write \(path): \(error.localizedDescription)")
        }
        let rows = max(0, file.lines.count - 1)
        return "\(path) (\(rows) row\(rows == 1 ? "" : "s"))"
    }
}

struct AnswerFilesError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
