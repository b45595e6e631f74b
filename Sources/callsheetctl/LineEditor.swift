import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads interactive input with history and line editing from libedit when it is
/// installed, and with plain `readLine()` otherwise (or when stdin is not a terminal).
///
/// libedit (BSD licence) is loaded at run time with `dlopen` rather than linked, so that
/// building Callsheet needs no `-dev` package and a machine without libedit still gets a
/// working, if plainer, console.
final class LineEditor {
    private typealias ReadlineFunction = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    private typealias AddHistoryFunction = @convention(c) (UnsafePointer<CChar>?) -> Int32

    private let readlineFunction: ReadlineFunction?
    private let addHistoryFunction: AddHistoryFunction?

    init() {
        guard isatty(STDIN_FILENO) == 1,
            let handle = dlopen("libedit.so.2", RTLD_NOW) ?? dlopen("libedit.so", RTLD_NOW),
            let readline = dlsym(handle, "readline"),
            let addHistory = dlsym(handle, "add_history")
        else {
            readlineFunction = nil
            addHistoryFunction = nil
            return
        }
        readlineFunction = unsafeBitCast(readline, to: ReadlineFunction.self)
        addHistoryFunction = unsafeBitCast(addHistory, to: AddHistoryFunction.self)
    }

    /// The next line, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let readlineFunction else {
            if isatty(STDIN_FILENO) == 1 {
                FileHandle.standardOutput.write(Data(prompt.utf8))
            }
            return Swift.readLine(strippingNewline: true)
        }
        guard let raw = readlineFunction(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { _ = addHistoryFunction?(raw) }
        return line
    }
}
