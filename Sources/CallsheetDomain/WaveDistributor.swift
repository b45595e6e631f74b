/// Decides which manager gets which client when a weekly wave opens (docs/domain.md#waves).
///
/// It sees clients one at a time, in a fixed order (client id), and keeps only counters —
/// never the client list — so a wave of a million clients is distributed in streamed
/// chunks with memory proportional to the number of managers.
///
/// Rules (the property tests pin each one):
/// 1. **Continuity**: a client whose previous manager in this campaign is still in the
///    team and active stays with them, up to that manager's capacity; when more of their
///    former clients return than they have capacity, the lowest client ids stay and the
///    rest move.
/// 2. **Balance**: every other client goes to the manager whose list is least full
///    relative to capacity *after* taking it — the smallest (load + 1) / capacity, ties to
///    the earlier manager in the given order — so lists fill in proportion to capacity.
/// 3. **Overflow**: when the eligible clients outnumber the team's total capacity, rule 2
///    simply continues past 100 %: every manager ends at the same fill ratio (within one
///    client), the plan carries a warning, and nobody is left out of the wave.
/// 4. Managers with capacity 0 take no clients.
/// 5. Same input, same output.
public struct WaveDistributor: Sendable {
    /// One manager who can take clients: an id and clients per wave.
    public struct Seat: Sendable, Equatable {
        public var managerID: Int
        public var capacity: Int
        public init(managerID: Int, capacity: Int) {
            self.managerID = managerID
            self.capacity = capacity
        }
    }

    /// Where one client went.
    public struct Placement: Sendable, Equatable {
        public var managerID: Int
        /// True when the client stays with their previous manager.
        public var kept: Bool
        /// True when the client had a previous manager and now has another one.
        public var moved: Bool
    }

    public private(set) var seats: [Seat]
    /// Clients given to each seat so far (same order as `seats`).
    public private(set) var loads: [Int]
    /// Former clients each seat keeps (rule 1), reserved before anyone else is placed.
    public let reserved: [Int]
    private var keptSoFar: [Int]
    private var seatIndex: [Int: Int]
    private var fillOrder: SeatHeap

    /// - Parameters:
    ///   - seats: the team's active managers, in a fixed order (by id).
    ///   - returning: for each manager id, how many eligible clients of this wave had that
    ///     manager last (one `GROUP BY` before the stream starts).
    public init(seats: [Seat], returning: [Int: Int]) {
        let usable = seats.filter { $0.capacity > 0 }
        self.seats = usable
        self.seatIndex = Dictionary(uniqueKeysWithValues: usable.enumerated().map { ($1.managerID, $0) })
        let reserved = usable.map { min($0.capacity, returning[$0.managerID] ?? 0) }
        self.reserved = reserved
        self.loads = reserved
        self.keptSoFar = Array(repeating: 0, count: usable.count)
        self.fillOrder = SeatHeap(capacities: usable.map(\.capacity), loads: reserved)
    }

    public var totalCapacity: Int { seats.reduce(0) { $0 + $1.capacity } }

    /// True once any manager holds more than their capacity (rule 3).
    public var overflowed: Bool { zip(loads, seats).contains { $0 > $1.capacity } }

    /// Places the next client (callers feed clients in client-id order). Nil only when no
    /// manager can take clients at all.
    public mutating func place(previousManager: Int?) -> Placement? {
        guard !seats.isEmpty else { return nil }
        if let previous = previousManager, let index = seatIndex[previous], keptSoFar[index] < reserved[index] {
            keptSoFar[index] += 1
            return Placement(managerID: previous, kept: true, moved: false)
        }
        let index = fillOrder.takeLeastFull()
        loads[index] += 1
        let manager = seats[index].managerID
        return Placement(managerID: manager, kept: false, moved: previousManager != nil && previousManager != manager)
    }
}

/// A min-heap of seats ordered by the fill ratio they would have after one more client,
/// compared exactly as fractions (no floating point), ties to the lower seat index.
struct SeatHeap: Sendable {
    private var heap: [Int]
    private var capacities: [Int]
    private var loads: [Int]

    init(capacities: [Int], loads: [Int]) {
        self.capacities = capacities
        self.loads = loads
        self.heap = []
        for index in capacities.indices { push(index) }
    }

    /// The seat to fill next; counts the client against it.
    mutating func takeLeastFull() -> Int {
        let top = heap[0]
        loads[top] += 1
        siftDown(0)
        return top
    }

    private func before(_ a: Int, _ b: Int) -> Bool {
        let lhs = (loads[a] + 1) * capacities[b]
        let rhs = (loads[b] + 1) * capacities[a]
        return lhs != rhs ? lhs < rhs : a < b
    }

    private mutating func push(_ seat: Int) {
        heap.append(seat)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count, before(heap[left], heap[best]) { best = left }
            if right < heap.count, before(heap[right], heap[best]) { best = right }
            if best == parent { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }
}
