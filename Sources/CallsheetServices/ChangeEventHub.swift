public import CallsheetDomain
package import CallsheetStore
import Synchronization

/// Hands the changes announced by the database (``ChangeEvent``, fed by the daemon's
/// listener) to every live screen they concern. In memory, per daemon: every daemon
/// listens to the same database channel, so a change made anywhere reaches every screen.
///
/// A slow screen cannot hold the others up or grow memory without bound: each subscriber
/// keeps at most its newest ``bufferedEvents`` events (events are hints — a page that
/// missed some re-reads state anyway).
public final class ChangeEventHub: Sendable {
    public static let bufferedEvents = 64

    private struct Subscriber {
        var role: Role
        var login: String?
        var team: String?
        var continuation: AsyncStream<ChangeEvent>.Continuation
    }

    /// The screens listening, and whether the hub has closed (the daemon is stopping).
    private struct Listeners {
        var all: [Int: Subscriber] = [:]
        var closed = false
    }

    private let subscribers = Mutex(Listeners())
    private let nextID = Atomic<Int>(0)
    let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// How many screens listen now.
    public var count: Int { subscribers.withLock { $0.all.count } }

    /// The events that concern `caller`, from now on, until the stream is dropped. A
    /// manager's team is looked up once, here.
    public func subscribe(as caller: Caller) async throws -> AsyncStream<ChangeEvent> {
        var team: String?
        if caller.role == .manager, let login = caller.manager {
            team = try await database.useCase { try await $0.managers(login: login).first?.team }
        }
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<ChangeEvent>.makeStream(bufferingPolicy: .bufferingNewest(Self.bufferedEvents))
        let open = subscribers.withLock { listeners in
            guard !listeners.closed else { return false }
            listeners.all[id] = Subscriber(role: caller.role, login: caller.manager ?? caller.name, team: team, continuation: continuation)
            return true
        }
        // A screen that reconnects while the daemon stops gets a stream that has already
        // ended, or the HTTP server's graceful shutdown would wait for it forever.
        guard open else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.all.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every subscription (the daemon is stopping: open event streams end, so the HTTP
    /// server's graceful shutdown is not held up by them).
    /// Later subscriptions end at once. Answers how many streams were ended.
    @discardableResult
    public func finishAll() -> Int {
        let all = subscribers.withLock { listeners in
            listeners.closed = true
            return listeners.all
        }
        for subscriber in all.values { subscriber.continuation.finish() }
        return all.count
    }

    /// Passes a notification's payload on to the screens it concerns; answers how many.
    @discardableResult
    public func publish(payload: String) -> Int {
        guard let event = ChangeEvent(payload: payload) else { return 0 }
        return publish(event)
    }

    @discardableResult
    public func publish(_ event: ChangeEvent) -> Int {
        subscribers.withLock { listeners in
            var reached = 0
            for subscriber in listeners.all.values where event.concerns(role: subscriber.role, login: subscriber.login, team: subscriber.team) {
                subscriber.continuation.yield(event)
                reached += 1
            }
            return reached
        }
    }
}
