/// Turns a step's due rule into a date for one wave of one campaign (docs/domain.md#workflows).
///
/// Rules, pinned by the seed-004 tests:
/// - The first step counts from the Monday of the wave week (or the day the wave is opened,
///   when that is later); a weekday rule is that day of the wave week.
/// - A date that is not a business day moves to the next business day.
/// - Nothing is due before the day the previous step was done.
/// - **Compression before the event**: when the campaign has an event day, a step reached
///   on or before the event whose natural due date falls after the event is due on the
///   event day instead. A client who agrees on Thursday for a Friday seminar gets the
///   invoice call on Friday and the payment call the same Friday — the pipeline is
///   squeezed rather than pushed past the seminar. Steps due relative to the event
///   (`1 business day after event`) are never compressed.
public struct WaveTimeline: Sendable, Equatable {
    public var week: ISOWeek
    public var calendar: BusinessCalendar
    public var eventDay: Weekday?
    /// The day the wave was opened, when after the week's Monday (a late opening).
    public var openedOn: LocalDate?

    public init(week: ISOWeek, calendar: BusinessCalendar = BusinessCalendar(), eventDay: Weekday? = nil, openedOn: LocalDate? = nil) {
        self.week = week
        self.calendar = calendar
        self.eventDay = eventDay
        self.openedOn = openedOn
    }

    public var eventDate: LocalDate? { eventDay.map { week.day($0) } }

    /// Where the first step counts from.
    public var start: LocalDate { max(week.monday, openedOn ?? week.monday) }

    /// The due date of a step with `rule`, reached when the previous step was done on
    /// `previousDone` (nil for the first step of a wave). Nil for `when the manager sets`
    /// and for event rules in a campaign with no event day.
    public func dueDate(_ rule: DueRule, previousDone: LocalDate? = nil) -> LocalDate? {
        let base = previousDone ?? start
        let natural: LocalDate
        switch rule {
        case .managerSets:
            return nil
        case .afterPrevious(let days):
            natural = calendar.adding(businessDays: days, to: base)
        case .onWaveDay(let day):
            natural = calendar.businessDay(onOrAfter: max(week.day(day), base))
        case .afterEvent(let days):
            guard let event = eventDate else { return nil }
            return max(calendar.adding(businessDays: days, to: event), calendar.businessDay(onOrAfter: base))
        }
        if let event = eventDate, base <= event, natural > event {
            return event
        }
        return natural
    }
}
