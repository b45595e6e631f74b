import CallsheetConsole
import CallsheetDomain
import CallsheetServices
import Foundation
import Logging
import ServiceLifecycle

/// The daemon's periodic work: opens each week's wave on the weekday a campaign names
/// (`campaign set C --auto-wave monday`, at the first tick on or after that day in the
/// calendar time zone), and puts calls whose lease ran out back in the queue.
///
/// The claim query treats an expired lease as free anyway; the sweep makes it visible
/// (agenda, reports) and refuses a late outcome from the manager who let it lapse.
///
/// Every daemon on a database runs one; the wave itself is what makes it happen exactly
/// once: `wave open` locks the campaign row and refuses a second wave for the same week,
/// so the daemons that lose the race get `CONFLICT` and move on silently. A tick that
/// fails for another reason is logged and retried at the next tick.
struct Scheduler: Service {
    let campaigns: CampaignService
    let waves: WaveService
    let calls: CallService
    /// Expired web sessions and day-old failed sign-ins are deleted at each tick.
    let webSessions: WebSessionStore
    let settings: CampaignSettings
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // Sleep first: the console server applies migrations before the first tick.
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                // Opening a wave distributes a whole audience: off the event loops, like `wave open`.
                await withTaskExecutorPreference(BulkWorkExecutor.shared) { await tick() }
            }
        }
    }

    /// One pass: opens the current week's wave of every active campaign whose auto-wave day has come.
    func tick() async {
        do {
            let swept = try await calls.sweepLeases()
            if swept > 0 { logger.info("scheduler: leases ran out, calls back in the queue", metadata: ["calls": "\(swept)"]) }
        } catch {
            logger.warning("scheduler: lease sweep failed", metadata: ["error": "\(error)"])
        }
        do {
            let ended = try await webSessions.sweep()
            if ended > 0 { logger.debug("scheduler: expired web sessions deleted", metadata: ["sessions": "\(ended)"]) }
        } catch {
            logger.warning("scheduler: session sweep failed", metadata: ["error": "\(error)"])
        }
        let today = settings.today
        let week = ISOWeek(containing: today)
        // History names the scheduler's waves `scheduler (uid N)`: the daemon's own OS user.
        let caller = Caller(identity: .osUser(uid: getuid(), name: "scheduler"), role: .admin)
        let due: [String]
        do {
            due = try await campaigns.campaigns(withCounts: false, as: caller)
                .filter { $0.state == .active && $0.autoWave.map { $0 <= today.weekday } == true }
                .map(\.name)
        } catch {
            logger.warning("scheduler: cannot list campaigns", metadata: ["error": "\(error)"])
            return
        }
        for name in due {
            if (try? await waves.waves(campaign: name, as: caller).contains { $0.week == week.description }) == true { continue }
            do {
                let plan = try await waves.open(campaign: name, week: week, dryRun: false, as: caller)
                logger.notice("scheduler opened a wave", metadata: ["campaign": "\(name)", "week": "\(week)", "wave": "\(plan.waveID ?? 0)", "assigned": "\(plan.assigned)"])
            } catch let error as ServiceError where error.code == .conflict {
                logger.debug("scheduler: wave already opened elsewhere", metadata: ["campaign": "\(name)", "week": "\(week)"])
            } catch {
                logger.warning("scheduler could not open a wave", metadata: ["campaign": "\(name)", "week": "\(week)", "error": "\(error)"])
            }
        }
    }
}
