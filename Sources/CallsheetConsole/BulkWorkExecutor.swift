import NIOPosix

/// Where long CPU work runs — imports, reports, exports, waves (`ConsoleCommand.bulk`, the
/// scheduler): NIO's thread pool, as a task executor that work prefers.
///
/// The daemon runs Swift Concurrency's jobs on NIO's event loops (fewer thread hand-offs for
/// the call loop's short commands), and a task stays on the loop it started on. An import
/// parses and validates a million rows: on an event loop it would hold up every other
/// connection of that loop between its awaits, and its child task (validation beside the
/// parser) would share the parser's thread instead of the second core. Preferring this
/// executor keeps that work on the pool's threads while its I/O stays on the loops. Without
/// the daemon's hook (tests) it is simply another pool.
///
/// The whole threading model (event loops as the global executor, bulk commands, the
/// scheduler, blocking calls): docs/threading.md.
public final class BulkWorkExecutor: TaskExecutor {
    public static let shared = BulkWorkExecutor(pool: .singleton)

    private let pool: NIOThreadPool

    init(pool: NIOThreadPool) {
        self.pool = pool
    }

    /// A job handed to a pool that has stopped is called at once with `.cancelled`, on the
    /// thread that submitted it. It still runs, there and then: a job that is dropped is a
    /// task that never resumes — a hang with every thread idle.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { state in
            switch state {
            case .active:
                job.runSynchronously(on: self.asUnownedTaskExecutor())
            case .cancelled:
                job.runSynchronously(on: self.asUnownedTaskExecutor())
            }
        }
    }
}
