public import CallsheetDomain

/// What opening a wave did (or, in a dry run, would do): per manager counts, the clients
/// who change manager, and why the others were skipped.
public struct WavePlan: Sendable {
    public struct Counts: Sendable, Equatable {
        /// Clients who stay with this manager from the last wave.
        public var kept = 0
        /// Clients who had another manager last time.
        public var movedIn = 0
        /// Clients with no earlier case in this campaign.
        public var new = 0
        public var total: Int { kept + movedIn + new }
    }

    public struct ManagerLine: Sendable {
        public var login: String
        public var capacity: Int
        public var counts: Counts
    }

    /// Nil in a dry run.
    public var waveID: Int?
    public var week: ISOWeek
    public var firstStep: String
    public var dueOn: LocalDate
    public var assigned: Int
    /// Skipped clients by reason (`do-not-call`, `closed`, `open case`).
    public var skipped: [String: Int]
    public var managers: [ManagerLine]
    public var moved: Int
    public var movedSample: [(client: Int, from: String, to: String)]
    public var totalCapacity: Int
    public var overflowed: Bool

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Running counts while clients stream through the distributor.
    struct Tally {
        private var counts: [Int: Counts] = [:]
        private let order: [Int]
        var moved = 0
        var total = 0
        var movedSample: [(client: Int, from: Int, to: Int)] = []

        init(seats: [WaveDistributor.Seat]) {
            order = seats.filter { $0.capacity > 0 }.map(\.managerID)
        }

        mutating func count(_ placement: WaveDistributor.Placement, client: Int, previous: Int?, sampleLimit: Int) {
            total += 1
            if placement.kept {
                counts[placement.managerID, default: Counts()].kept += 1
            } else if placement.moved, let previous {
                counts[placement.managerID, default: Counts()].movedIn += 1
                moved += 1
                if movedSample.count < sampleLimit { movedSample.append((client, previous, placement.managerID)) }
            } else if previous != nil {
                // Back with the same manager after a capacity overflow reshuffle: counts as kept.
                counts[placement.managerID, default: Counts()].kept += 1
            } else {
                counts[placement.managerID, default: Counts()].new += 1
            }
        }

        var managersWithClients: Int { counts.values.filter { $0.total > 0 }.count }

        func rows() -> [Counts] {
            order.map { counts[$0] ?? Counts() }
        }
    }
}
