import NIOCore
import NIOPosix

/// The process entry: makes NIO's event loops Swift Concurrency's global executor before
/// anything else runs, then hands over to the command.
///
/// Every console command hops between the connection's event loop, the task that runs it
/// and PostgresNIO's event loop several times per database round trip. With Swift's own
/// thread pool beside NIO's, each hop was a thread wake-up: `perf` of the call loop showed
/// the daemon's CPU going mostly to the scheduler (`finish_task_switch`). On the event
/// loops, tasks and I/O share the same threads. CPU-bound work (imports, reports, exports,
/// waves, the scheduler's ticks) prefers `BulkWorkExecutor` so it never holds up a loop's
/// other connections; blocking calls run on Dispatch (`ExternalProgram`). This must happen
/// before the first task is enqueued, hence here and not inside the async command.
@main
enum DaemonEntry {
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await CallsheetDaemonCommand.main()
    }
}
