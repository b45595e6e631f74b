/// Seed 004's daily sheet (docs/domain.md#reports): per manager per day, how much of their list they called,
/// the invoices and payments they brought in, what was still not called and how many
/// call-backs were overdue at the end of that day.
///
/// The "at the end of the day" figures are worked out from dates the store keeps (when a
/// case was opened, first called, closed; when a call-back was made, due, done), so a past
/// day shows what was true then, not what is true now.
public struct DailyTracking: Sendable, Equatable {
    /// Cases of one manager that share the days they were opened, first called and closed.
    public struct CaseDays: Sendable, Equatable {
        public var manager: String
        public var opened: LocalDate
        public var called: LocalDate?
        public var closed: LocalDate?
        public var cases: Int
        public init(manager: String, opened: LocalDate, called: LocalDate?, closed: LocalDate?, cases: Int) {
            self.manager = manager
            self.opened = opened
            self.called = called
            self.closed = closed
            self.cases = cases
        }
    }

    /// Personal call-backs of one manager that share the days they were made, due and ended.
    public struct CallbackDays: Sendable, Equatable {
        public var manager: String
        public var created: LocalDate
        public var due: LocalDate
        public var ended: LocalDate?
        public var tasks: Int
        public init(manager: String, created: LocalDate, due: LocalDate, ended: LocalDate?, tasks: Int) {
            self.manager = manager
            self.created = created
            self.due = due
            self.ended = ended
            self.tasks = tasks
        }
    }

    /// Calls of one manager on one day with one outcome, with their amounts.
    public struct CallDay: Sendable, Equatable {
        public var manager: String
        public var day: LocalDate
        public var outcome: String
        public var calls: Int
        public var cents: Int64
        public init(manager: String, day: LocalDate, outcome: String, calls: Int, cents: Int64) {
            self.manager = manager
            self.day = day
            self.outcome = outcome
            self.calls = calls
            self.cents = cents
        }
    }

    public struct Row: Sendable, Equatable {
        public var manager: String
        public var day: LocalDate
        public var calls = 0
        /// Cases of the manager's list called for the first time that day.
        public var firstCalls = 0
        /// Per money outcome (`invoiced`, `paid`): how many, and the amount in cents.
        public var amounts: [String: (count: Int, cents: Int64)] = [:]
        /// Open cases on the list never called by the end of the day.
        public var notCalled = 0
        /// Personal call-backs due by the end of the day and not done by then.
        public var callbacksOverdue = 0

        public static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.manager == rhs.manager && lhs.day == rhs.day && lhs.calls == rhs.calls && lhs.firstCalls == rhs.firstCalls
                && lhs.notCalled == rhs.notCalled && lhs.callbacksOverdue == rhs.callbacksOverdue
                && lhs.amounts.mapValues { [Int64($0.count), $0.cents] } == rhs.amounts.mapValues { [Int64($0.count), $0.cents] }
        }
    }

    /// The money outcomes, sorted (their columns).
    public var amountOutcomes: [String]
    /// Per manager (sorted), day by day; then a `total` row per day.
    public var rows: [Row]

    public init(days: [LocalDate], managers: [String], cases: [CaseDays], callbacks: [CallbackDays], calls: [CallDay], amountOutcomes: Set<String>) {
        self.amountOutcomes = amountOutcomes.sorted()
        var rows: [Row] = []
        let casesByManager = Dictionary(grouping: cases, by: \.manager), callbacksByManager = Dictionary(grouping: callbacks, by: \.manager)
        let callsByManagerDay = Dictionary(grouping: calls) { "\($0.manager) \($0.day)" }
        for manager in managers.sorted() {
            let own = casesByManager[manager] ?? [], owed = callbacksByManager[manager] ?? []
            for day in days {
                var row = Row(manager: manager, day: day)
                for call in callsByManagerDay["\(manager) \(day)"] ?? [] {
                    row.calls += call.calls
                    if amountOutcomes.contains(call.outcome) {
                        let sum = row.amounts[call.outcome] ?? (0, 0)
                        row.amounts[call.outcome] = (sum.count + call.calls, sum.cents + call.cents)
                    }
                }
                for group in own {
                    if group.called == day { row.firstCalls += group.cases }
                    let listed = group.opened <= day, calledBy = group.called.map { $0 <= day } ?? false
                    let closedBy = group.closed.map { $0 <= day } ?? false
                    if listed && !calledBy && !closedBy { row.notCalled += group.cases }
                }
                for group in owed where group.created <= day && group.due <= day && (group.ended.map { $0 > day } ?? true) {
                    row.callbacksOverdue += group.tasks
                }
                rows.append(row)
            }
        }
        let rowsByDay = Dictionary(grouping: rows, by: \.day)
        for day in days {
            var total = Row(manager: "total", day: day)
            for row in rowsByDay[day] ?? [] {
                total.calls += row.calls
                total.firstCalls += row.firstCalls
                total.notCalled += row.notCalled
                total.callbacksOverdue += row.callbacksOverdue
                for (outcome, sum) in row.amounts {
                    let before = total.amounts[outcome] ?? (0, 0)
                    total.amounts[outcome] = (before.count + sum.count, before.cents + sum.cents)
                }
            }
            rows.append(total)
        }
        self.rows = rows
    }
}
