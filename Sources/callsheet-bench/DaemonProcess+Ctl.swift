import ArgumentParser
import CallsheetDaemon
import CallsheetTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension DaemonProcess {
    /// Runs the real `callsheetctl` (built beside the daemon) against this daemon's socket
    /// with `input` as its stdin, as a person would: `callsheetctl … < file`. Returns the
    /// wall time to its exit and its answer; a non-zero exit is an error naming the answer.
    func timedCtl(_ arguments: [String], input: String, scratch: String) throws -> (seconds: Double, answer: String) {
        let ctl = ((try DaemonProcess.executable()) as NSString).deletingLastPathComponent + "/callsheetctl"
        let output = scratch + "/ctl.out"
        let start = ContinuousClock.now
        let pid = try ExternalProgram.spawn([ctl, "--socket", socketPath] + arguments, input: input, output: output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let seconds = (ContinuousClock.now - start).seconds
        let answer = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard ExternalProgram.exitCode(fromWaitStatus: status) == 0 else {
            throw ValidationError("callsheetctl \(arguments.joined(separator: " ")) failed: \(answer)")
        }
        return (seconds, answer)
    }
}
