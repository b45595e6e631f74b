import CallsheetConsole
import CallsheetDomain
import Logging
import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// The console's Unix-socket listener: one child task per connection, each running a
/// transport-free ``ConsoleSession``.
///
/// Graceful shutdown stops accepting at once, lets every command in flight finish and be
/// answered, closes sessions that are waiting for input, and removes the socket file.
public final class ConsoleServer: Service, Sendable {
    struct Settings: Sendable {
        var socket: ConsoleSocketPath
        var console: ConsoleSettings
        var roles: RoleMapping
    }

    let settings: Settings
    let commands: CommandTable
    let registry: ConnectionRegistry
    private let environment: ConsoleEnvironment
    private let beforeListening: @Sendable () async throws -> Void
    private let logger: Logger
    private let shutdown = ShutdownFlag()
    /// Made once at start-up: the configured group names resolved to ids.
    private let resolver: RoleResolver

    init(
        settings: Settings, commands: CommandTable, registry: ConnectionRegistry, logger: Logger,
        environment: ConsoleEnvironment,
        beforeListening: @escaping @Sendable () async throws -> Void
    ) {
        self.settings = settings
        self.commands = commands
        self.registry = registry
        self.environment = environment
        self.beforeListening = beforeListening
        self.logger = logger
        self.resolver = RoleResolver(mapping: settings.roles)
    }

    public func run() async throws {
        try await beforeListening()
        let lineLimit = settings.console.maximumLineBytes
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: settings.socket.path, cleanupExistingSocketFile: false) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ConsoleLineDecoder(maximumLength: lineLimit)))
                    return try NIOAsyncChannel<InboundLine, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        defer { settings.socket.remove() }
        try settings.socket.secure()
        logger.notice("console listening", metadata: ["socket": "\(settings.socket.path)"])

        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.shutdown.raise()
            server.channel.close(promise: nil)
        }
        logger.notice("console closed", metadata: ["socket": "\(settings.socket.path)"])
    }

    private func serve(_ connection: NIOAsyncChannel<InboundLine, ByteBuffer>) async {
        let channel = connection.channel
        let credentials: PeerCredentials
        do {
            credentials = try await PeerCredentials.read(from: channel)
        } catch {
            logger.warning("cannot read console peer credentials; closing", metadata: ["error": "\(error)"])
            try? await channel.close()
            return
        }
        // NSS look-ups may block (LDAP, sssd): on the thread pool, never on an event loop.
        let (userName, groups): (String?, Set<UInt32>)
        do {
            (userName, groups) = try await NIOThreadPool.singleton.runIfActive {
                let name = OSAccounts.userName(uid: credentials.uid)
                return (name, OSAccounts.groupIDs(userName: name, primary: credentials.gid))
            }
        } catch {
            logger.warning("cannot look up the console peer's account; closing", metadata: ["uid": "\(credentials.uid)", "error": "\(error)"])
            try? await channel.close()
            return
        }
        guard let role = resolver.role(uid: credentials.uid, userName: userName, groupIDs: groups) else {
            logger.notice("console connection refused: no role", metadata: ["uid": "\(credentials.uid)", "pid": "\(credentials.pid)"])
            await refuse(
                connection,
                .permission(
                    "uid \(credentials.uid)\(userName.map { " (\($0))" } ?? "") has no Callsheet role; an administrator maps users and groups to roles in the roles: section of the config"
                ))
            return
        }
        if let full = registry.admit(uid: credentials.uid, administrator: role == .admin) {
            logger.notice("console connection refused: limit", metadata: ["uid": "\(credentials.uid)"])
            await refuse(connection, full)
            return
        }
        defer { registry.release(uid: credentials.uid) }

        let peer = ConsolePeer(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, userName: userName, role: role)
        let session = ConsoleSession(peer: peer, environment: environment, commands: commands)
        let limits = settings.console
        let watchdog = ConnectionWatchdog(
            limits: .init(
                idle: .seconds(limits.idleTimeoutSeconds),
                payloadStall: .seconds(limits.payloadStallSeconds),
                writeStall: .seconds(limits.writeStallSeconds)
            ))
        do {
            try await connection.executeThenClose { inbound, outbound in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { [shutdown] in
                        await watchdog.watch(channel: channel, shuttingDown: { shutdown.isRaised })
                    }
                    var iterator = inbound.makeAsyncIterator()
                    let input = LineInput {
                        let line = try await iterator.next()
                        watchdog.inputArrived()
                        return line
                    }
                    let hooks = SessionHooks(
                        phaseChanged: { watchdog.phaseChanged($0) },
                        shouldStop: { self.shutdown.isRaised }
                    )
                    await session.run(input: input, hooks: hooks) { lines in
                        var buffer = channel.allocator.buffer(capacity: 256)
                        for line in lines {
                            buffer.writeString(line)
                            buffer.writeInteger(UInt8(ascii: "\n"))
                        }
                        watchdog.writeStarted()
                        defer { watchdog.writeFinished() }
                        try await outbound.write(buffer)
                    }
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("console connection ended with an error", metadata: ["uid": "\(peer.uid)", "error": "\(error)"])
        }
    }

    private func refuse(_ connection: NIOAsyncChannel<InboundLine, ByteBuffer>, _ error: ConsoleError) async {
        let text = ResponseRenderer.render(error, format: .text).joined(separator: "\n") + "\n\n"
        try? await connection.executeThenClose { _, outbound in
            try await outbound.write(ByteBuffer(string: text))
        }
    }

    /// Open console connections, for `status`.
    var connectionCount: Int { registry.total }
}

/// Set once when graceful shutdown begins; read by every connection task.
final class ShutdownFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
