import CallsheetDomain
import CallsheetServices
import Foundation

/// The reports as JSON: snake_case keys, rates as fractions (nil when nothing to divide),
/// money as decimal text in the currency's units.
enum ReportJSON {
    /// `123456` cents → `"1234.56"`.
    static func money(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    struct FunnelRow: Encodable {
        var group: String
        var stages: [String: Int]
        var notCalled: Int
        var refused: [String: Int]
        var unreachable: Int
        var doNotCall: Int
        var cancelled: Int
        var open: Int
        var conversion: Double?

        enum CodingKeys: String, CodingKey {
            case group, stages, refused, unreachable, cancelled, open, conversion
            case notCalled = "not_called"
            case doNotCall = "do_not_call"
        }
    }

    struct FunnelReport: Encodable {
        var stages: [String]
        var total: FunnelRow
        var groups: [FunnelRow]

        init(_ funnel: Funnel) {
            stages = funnel.stages
            func row(_ r: Funnel.Row) -> FunnelRow {
                let names = funnel.stages
                var counts: [String: Int] = [:]
                for (index, count) in r.stages.enumerated() where index < names.count { counts[names[index]] = count }
                let won = r.stages.last ?? 0
                return FunnelRow(
                    group: r.group, stages: counts, notCalled: r.notCalled, refused: r.refused, unreachable: r.unreachable, doNotCall: r.doNotCall,
                    cancelled: r.cancelled, open: r.open, conversion: r.assigned == 0 ? nil : Double(won) / Double(r.assigned))
            }
            total = row(funnel.total)
            groups = funnel.rows.map(row)
        }
    }

    struct DailyRow: Encodable {
        struct Amount: Encodable {
            var count: Int
            var total: String
        }

        var manager: String
        var day: String
        var calls: Int
        var firstCalls: Int
        var amounts: [String: Amount]
        var notCalled: Int
        var callbacksOverdue: Int

        enum CodingKeys: String, CodingKey {
            case manager, day, calls, amounts
            case firstCalls = "first_calls"
            case notCalled = "not_called"
            case callbacksOverdue = "callbacks_overdue"
        }

        init(_ r: DailyTracking.Row) {
            (manager, day, calls, firstCalls, notCalled, callbacksOverdue) = (r.manager, r.day.description, r.calls, r.firstCalls, r.notCalled, r.callbacksOverdue)
            amounts = r.amounts.mapValues { Amount(count: $0.count, total: ReportJSON.money($0.cents)) }
        }
    }

    struct ManagerRow: Encodable {
        var rank: Int
        var manager: String
        var team: String
        var list: Int
        var calls: Int
        var reached: Int
        var reachRate: Double?
        var advanced: Int
        var won: Int
        var lost: Int
        var doNotCall: Int
        var amounts: [String: String]
        var averageHandlingSeconds: Double?
        var late: Int

        enum CodingKeys: String, CodingKey {
            case rank, manager, team, list, calls, reached, advanced, won, lost, amounts, late
            case reachRate = "reach_rate"
            case doNotCall = "do_not_call"
            case averageHandlingSeconds = "average_handling_seconds"
        }

        init(rank: Int, _ f: ManagerComparison.Figures) {
            self.rank = rank
            (manager, team, list, calls, reached, reachRate) = (f.manager, f.team, f.listSize, f.calls, f.reached, f.reachRate)
            (advanced, won, lost, doNotCall, late, averageHandlingSeconds) = (f.advanced, f.won, f.lost, f.doNotCall, f.late, f.averageHandling)
            amounts = f.amounts.mapValues(ReportJSON.money)
        }
    }

    struct LateRow: Encodable {
        var task: Int
        var manager: String
        var campaign: String
        var client: String
        var step: String
        var dueOn: String
        var deadline: String
        var businessDaysLate: Int
        var done: Bool

        enum CodingKeys: String, CodingKey {
            case task, manager, campaign, client, step, deadline, done
            case dueOn = "due_on"
            case businessDaysLate = "business_days_late"
        }

        init(_ l: ReportService.LateTask) {
            let t = l.task
            (task, manager, campaign, client, step, dueOn) = (t.taskID, t.manager, t.campaign, t.client, t.step, t.dueOn.description)
            (deadline, businessDaysLate, done) = (l.lateness.deadline.description, l.lateness.businessDays, t.closedAt != nil)
        }
    }

    struct Untouched: Encodable {
        struct Row: Encodable {
            var client: Int
            var name: String
            var segment: String
            var manager: String?
            var assignedAt: Date?

            enum CodingKeys: String, CodingKey {
                case client, name, segment, manager
                case assignedAt = "assigned_at"
            }
        }

        var notAssigned: Int
        var assigned: Int
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case assigned, rows
            case notAssigned = "not_assigned"
        }

        init(_ r: UntouchedReport) {
            (notAssigned, assigned) = (r.notAssigned, r.assigned)
            rows = r.rows.map { Row(client: $0.clientID, name: $0.name, segment: $0.segment, manager: $0.manager, assignedAt: $0.assignedAt) }
        }
    }

    struct Neglected: Encodable {
        struct Row: Encodable {
            var client: Int
            var name: String
            var segment: String
            var importance: Int
            var lastCallAt: Date?
            var lastCaller: String?
            var owner: String?

            enum CodingKeys: String, CodingKey {
                case client, name, segment, importance, owner
                case lastCallAt = "last_call_at"
                case lastCaller = "last_caller"
            }
        }

        var total: Int
        var rows: [Row]

        init(_ r: NeglectedReport) {
            total = r.total
            rows = r.rows.map {
                Row(client: $0.clientID, name: $0.name, segment: $0.segment, importance: $0.importance, lastCallAt: $0.lastCallAt, lastCaller: $0.lastCaller, owner: $0.owner)
            }
        }
    }

    struct OfferRow: Encodable {
        var status: String
        var reason: String?
        var cases: Int
    }

    struct ForecastReport: Encodable {
        struct Row: Encodable {
            var step: String
            var open: Int
            var decidedFromHere: Int
            var paidFromHere: Int
            var rate: Double?
            var expectedPaid: Double
            var expectedValue: String?

            enum CodingKeys: String, CodingKey {
                case step, open, rate
                case decidedFromHere = "decided_from_here"
                case paidFromHere = "paid_from_here"
                case expectedPaid = "expected_paid"
                case expectedValue = "expected_value"
            }
        }

        var rows: [Row]
        var paying: Int
        var expectedPaid: Double
        var expectedValue: String?
        var meanPaid: String?

        enum CodingKeys: String, CodingKey {
            case rows, paying
            case expectedPaid = "expected_paid"
            case expectedValue = "expected_value"
            case meanPaid = "mean_paid"
        }

        init(_ f: Forecast) {
            rows = f.rows.map {
                Row(
                    step: $0.step, open: $0.open, decidedFromHere: $0.decidedFromHere, paidFromHere: $0.paidFromHere, rate: $0.rate, expectedPaid: $0.expectedPaid,
                    expectedValue: $0.expectedValueCents.map(ReportJSON.money))
            }
            (paying, expectedPaid) = (f.paying, f.expectedPaid)
            expectedValue = f.expectedValueCents.map(ReportJSON.money)
            meanPaid = f.meanPaidCents.map(ReportJSON.money)
        }
    }
}
