import Synchronization

/// Runs one command with a deadline, answering when it passes even if the command does not.
///
/// A command waits on things that can hang: a pooled connection, a lock held by another
/// session, a query on a connection whose server vanished without closing it (PostgresNIO
/// queries do not react to cancellation). A task group would wait for such a child, so the
/// command runs in its own task and whichever comes first — its answer or the deadline —
/// resumes the session. At the deadline the command's task is cancelled (its waits for a
/// connection end at once) and left to unwind on its own; the session answers
/// `ERR TIMEOUT` and goes on.
enum CommandDeadline {
    /// The operation's value, or nil when `timeout` passed first.
    static func run<T: Sendable>(
        within timeout: Duration, preferring executor: (any TaskExecutor)?,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        let answer = FirstAnswer<T>()
        let work = Task(executorPreference: executor) {
            do { answer.give(.success(try await operation())) } catch { answer.give(.failure(error)) }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            answer.give(.success(nil))
        }
        let result = await withTaskCancellationHandler {
            await answer.wait()
        } onCancel: {
            work.cancel()
            timer.cancel()
        }
        timer.cancel()
        if case .success(nil) = result { work.cancel() }
        return try result.get()
    }
}

/// The first of several answers; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Result<T?, any Error>, Never>)
        case answered(Result<T?, any Error>)
        case done
    }

    private let state = Mutex<State>(.empty)

    func give(_ result: Result<T?, any Error>) {
        let waiter: CheckedContinuation<Result<T?, any Error>, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .answered(result)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .answered, .done:
                return nil
            }
        }
        waiter?.resume(returning: result)
    }

    func wait() async -> Result<T?, any Error> {
        await withCheckedContinuation { continuation in
            let ready: Result<T?, any Error>? = state.withLock { state in
                if case .answered(let result) = state {
                    state = .done
                    return result
                }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
