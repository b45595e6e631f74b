import CallsheetConsole
import NIOCore
import Synchronization

/// Ends console connections that stall: idle sessions, stalled payloads, readers that do
/// not read their answers, and — during shutdown — sessions waiting for a command.
///
/// The session reports its phase; the transport reports reads and writes; a small loop
/// compares the time since the last sign of life with the limit for the current phase.
/// A command being executed is never interrupted.
final class ConnectionWatchdog: Sendable {
    struct Limits: Sendable {
        var idle: Duration
        var payloadStall: Duration
        var writeStall: Duration
    }

    private struct State {
        var phase: SessionPhase = .awaitingCommand
        var lastActivity = ContinuousClock.now
        var writingSince: ContinuousClock.Instant?
    }

    enum Verdict: Equatable {
        case keep
        case timeout(String)
        case drop
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits) {
        self.limits = limits
    }

    func phaseChanged(_ phase: SessionPhase) {
        state.withLock {
            $0.phase = phase
            $0.lastActivity = .now
        }
    }

    func inputArrived() { state.withLock { $0.lastActivity = .now } }
    func writeStarted() { state.withLock { $0.writingSince = .now } }
    func writeFinished() { state.withLock { $0.writingSince = nil } }

    func verdict(now: ContinuousClock.Instant = .now, shuttingDown: Bool) -> Verdict {
        state.withLock { s in
            if let since = s.writingSince, now - since > limits.writeStall { return .drop }
            switch s.phase {
            case .awaitingCommand:
                if shuttingDown { return .drop }
                if now - s.lastActivity > limits.idle {
                    return .timeout("ERR TIMEOUT no command for \(limits.idle.components.seconds)s (console.idle_timeout_seconds); closing the session")
                }
            case .readingPayload:
                if now - s.lastActivity > limits.payloadStall {
                    return .timeout("ERR TIMEOUT the payload stalled: no line for \(limits.payloadStall.components.seconds)s (console.payload_stall_seconds); closing the session")
                }
            case .executing:
                break
            }
            return .keep
        }
    }

    /// Polls until the connection must end, then ends it; returns when cancelled.
    func watch(channel: any Channel, shuttingDown: @escaping @Sendable () -> Bool) async {
        let shortest = min(limits.idle, limits.payloadStall, limits.writeStall)
        let tick = max(.milliseconds(50), min(.seconds(1), shortest / 4))
        while !Task.isCancelled {
            do { try await Task.sleep(for: tick) } catch { return }
            switch verdict(shuttingDown: shuttingDown()) {
            case .keep:
                continue
            case .timeout(let line):
                var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
                buffer.writeString(line + "\n\n")
                try? await channel.writeAndFlush(buffer)
                try? await channel.close()
                return
            case .drop:
                try? await channel.close()
                return
            }
        }
    }
}
