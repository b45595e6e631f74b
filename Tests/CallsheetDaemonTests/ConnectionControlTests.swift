import Testing

@testable import CallsheetConsole
@testable import CallsheetDaemon

@Suite struct ConnectionRegistryTests {
    @Test func totalAndPerUIDLimitsAreEnforcedAndReleased() {
        let registry = ConnectionRegistry(maximumTotal: 3, maximumPerUID: 2)
        #expect(registry.admit(uid: 1) == nil)
        #expect(registry.admit(uid: 1) == nil)
        #expect(registry.admit(uid: 1)?.message == "uid 1 already has 2 console connections open (console.max_connections_per_uid)")
        #expect(registry.admit(uid: 2) == nil)
        #expect(registry.admit(uid: 3)?.message == "the daemon already serves 3 console connections (console.max_connections); try again later")
        #expect(registry.total == 3)
        registry.release(uid: 1)
        #expect(registry.admit(uid: 3) == nil)
        #expect(registry.admit(uid: 3)?.code == .limit)
    }

    /// The last slots are kept for administrators: a crowd of managers cannot lock them out.
    @Test func slotsReservedForAdministrators() {
        let registry = ConnectionRegistry(maximumTotal: 4, maximumPerUID: 10, reservedForAdministrators: 2)
        #expect(registry.admit(uid: 1, administrator: false) == nil)
        #expect(registry.admit(uid: 2, administrator: false) == nil)
        #expect(registry.admit(uid: 3, administrator: false)?.message.contains("console.reserved_admin_connections") == true)
        #expect(registry.admit(uid: 0, administrator: true) == nil)
        #expect(registry.admit(uid: 0, administrator: true) == nil)
        #expect(registry.admit(uid: 0, administrator: true)?.message.contains("console.max_connections") == true)
    }

    @Test func concurrentAdmissionsNeverExceedTheLimit() async {
        let registry = ConnectionRegistry(maximumTotal: 50, maximumPerUID: 1000)
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<500 { group.addTask { registry.admit(uid: UInt32(i % 7)) == nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 50)
        #expect(registry.total == 50)
    }
}

@Suite struct ConnectionWatchdogTests {
    let watchdog = ConnectionWatchdog(limits: .init(idle: .seconds(10), payloadStall: .seconds(2), writeStall: .seconds(3)))

    @Test func idleSessionsTimeOutOnlyWhileWaitingForACommand() {
        let now = ContinuousClock.now
        watchdog.phaseChanged(.awaitingCommand)
        #expect(watchdog.verdict(now: now + .seconds(5), shuttingDown: false) == .keep)
        guard case .timeout(let line) = watchdog.verdict(now: now + .seconds(11), shuttingDown: false) else {
            Issue.record("expected a timeout")
            return
        }
        #expect(line.hasPrefix("ERR TIMEOUT no command for 10s"))
        watchdog.phaseChanged(.executing)
        #expect(watchdog.verdict(now: now + .seconds(100), shuttingDown: false) == .keep, "a running command is never interrupted")
    }

    @Test func stalledPayloadsAndStalledWritesEndTheConnection() {
        let now = ContinuousClock.now
        watchdog.phaseChanged(.readingPayload)
        #expect(watchdog.verdict(now: now + .seconds(1), shuttingDown: false) == .keep)
        #expect(watchdog.verdict(now: now + .seconds(3), shuttingDown: false) != .keep)
        watchdog.phaseChanged(.executing)
        watchdog.writeStarted()
        #expect(watchdog.verdict(now: now + .seconds(2), shuttingDown: false) == .keep)
        #expect(watchdog.verdict(now: now + .seconds(4), shuttingDown: false) == .drop)
        watchdog.writeFinished()
        #expect(watchdog.verdict(now: now + .seconds(4), shuttingDown: false) == .keep)
    }

    @Test func shutdownClosesWaitingSessionsButNotBusyOnes() {
        watchdog.phaseChanged(.executing)
        #expect(watchdog.verdict(shuttingDown: true) == .keep)
        watchdog.phaseChanged(.awaitingCommand)
        #expect(watchdog.verdict(shuttingDown: true) == .drop)
    }
}
