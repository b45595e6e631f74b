import CallsheetDomain
import CallsheetStore
import Foundation

/// How late a task of a campaign's step is (`Lateness`), by the campaign's business
/// calendar, and when its deadline day ended (hours late count from there).
struct LateJudge: Sendable {
    let campaigns: [Int: CampaignRecord]
    let holidays: Set<LocalDate>
    let today: LocalDate
    let zone: TimeZone

    init(campaigns: [CampaignRecord], holidays: Set<LocalDate>, today: LocalDate, zone: TimeZone) {
        self.campaigns = Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, $0) })
        self.holidays = holidays
        self.today = today
        self.zone = zone
    }

    /// Nil when the task is on time, or its campaign is unknown.
    func lateness(campaignID: Int, step: String, due: LocalDate, doneOn: LocalDate?) -> (Lateness, endOfDeadline: Date)? {
        guard let record = campaigns[campaignID] else { return nil }
        let standard = record.workflow.step(named: step)?.standardDays ?? 0
        guard let lateness = Lateness.of(due: due, standardDays: standard, calendar: record.calendar(globalHolidays: holidays), doneOn: doneOn, today: today)
        else { return nil }
        return (lateness, lateness.deadline.adding(days: 1).start(in: zone))
    }
}
