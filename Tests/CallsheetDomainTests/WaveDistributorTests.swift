import CallsheetDomain
import Testing

/// Property tests over randomised teams and audiences (seeded, so a failure reproduces).
@Suite struct WaveDistributorTests {
    struct Case {
        var seats: [WaveDistributor.Seat]
        /// Previous manager of each eligible client, in client-id order (may be an inactive manager, or nil).
        var previous: [Int?]
    }

    static func randomCase(_ rng: inout SplitMix64) -> Case {
        let managerCount = Int.random(in: 0...7, using: &rng)
        let seats = (0..<managerCount).map { WaveDistributor.Seat(managerID: 10 + $0 * 3, capacity: Int.random(in: 0...25, using: &rng)) }
        let formerOnly = [99, 98]  // managers who left the team or were deactivated
        let candidates = seats.map(\.managerID) + formerOnly
        let clients = Int.random(in: 0...160, using: &rng)
        let previous: [Int?] = (0..<clients).map { _ in
            Bool.random(using: &rng) ? candidates.randomElement(using: &rng) : nil
        }
        return Case(seats: seats, previous: previous)
    }

    static func distribute(_ c: Case) -> (WaveDistributor, [WaveDistributor.Placement?]) {
        var returning: [Int: Int] = [:]
        for case let m? in c.previous { returning[m, default: 0] += 1 }
        var distributor = WaveDistributor(seats: c.seats, returning: returning)
        let placements = c.previous.map { distributor.place(previousManager: $0) }
        return (distributor, placements)
    }

    @Test func propertiesHoldForRandomTeamsAndAudiences() {
        var rng = SplitMix64(seed: 2026_48)
        for _ in 0..<3000 {
            let c = Self.randomCase(&rng)
            let (d, placements) = Self.distribute(c)
            let usable = c.seats.filter { $0.capacity > 0 }
            // Every client placed exactly once, when anyone can take clients; never to a capacity-0 or unknown manager.
            if usable.isEmpty {
                #expect(placements.allSatisfy { $0 == nil })
                continue
            }
            #expect(placements.allSatisfy { p in p.map { m in usable.contains { $0.managerID == m.managerID } } == true })
            var counts: [Int: Int] = [:]
            for case let p? in placements { counts[p.managerID, default: 0] += 1 }
            #expect(counts.values.reduce(0, +) == c.previous.count)
            #expect(usable.map { counts[$0.managerID] ?? 0 } == d.loads)
            // Nobody over capacity unless the audience exceeds total capacity.
            let total = usable.reduce(0) { $0 + $1.capacity }
            if c.previous.count <= total {
                #expect(zip(usable, d.loads).allSatisfy { $1 <= $0.capacity })
                #expect(!d.overflowed)
            } else {
                #expect(d.overflowed || usable.allSatisfy { (counts[$0.managerID] ?? 0) == $0.capacity })
            }
            // Continuity: each active former manager keeps min(capacity, returning) clients, and those are the lowest ids.
            for seat in usable {
                let theirs = c.previous.indices.filter { c.previous[$0] == seat.managerID }
                let kept = theirs.filter { placements[$0]?.kept == true }
                #expect(kept == Array(theirs.prefix(seat.capacity)))
                #expect(kept.allSatisfy { placements[$0]?.managerID == seat.managerID })
            }
            // Moved means: had a previous manager, now has another.
            for (i, p) in placements.enumerated() {
                #expect(p?.moved == (c.previous[i] != nil && c.previous[i] != p?.managerID))
            }
            // Balance: a manager who received a non-kept client was not fuller, after taking it, than any other would have been.
            for (a, seatA) in usable.enumerated() where d.loads[a] > d.reserved[a] {
                for (b, seatB) in usable.enumerated() where a != b {
                    #expect(d.loads[a] * seatB.capacity <= (d.loads[b] + 1) * seatA.capacity)
                }
            }
            // Deterministic.
            #expect(Self.distribute(c).1 == placements)
        }
    }

    @Test func overflowSpreadsInProportionToCapacity() {
        var d = WaveDistributor(seats: [.init(managerID: 1, capacity: 10), .init(managerID: 2, capacity: 30)], returning: [:])
        for _ in 0..<80 { _ = d.place(previousManager: nil) }
        #expect(d.loads == [20, 60])
        #expect(d.overflowed)
    }

    @Test func formerManagersOverCapacityLoseTheHighestIDs() {
        var d = WaveDistributor(seats: [.init(managerID: 1, capacity: 2), .init(managerID: 2, capacity: 5)], returning: [1: 4])
        let placed = (0..<4).map { _ in d.place(previousManager: 1)! }
        #expect(placed.map(\.managerID) == [1, 1, 2, 2])
        #expect(placed.map(\.moved) == [false, false, true, true])
    }
}

/// A tiny seeded generator so property tests reproduce exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
