public import CallsheetDomain
import CallsheetStore
import Foundation

extension CallService {
    /// The sheet of a call the manager holds, read again without claiming anything (the
    /// web page of the call, reloaded or opened from its link). Another manager's call is
    /// refused as theirs — a manager sees the calls they hold and no more; a call that is
    /// no longer held (recorded, released, its lease run out) is not found.
    public func sheet(task taskID: Int, for named: String?, as caller: Caller) async throws -> CallSheet {
        let login = try Authorization.actingManager(caller, .next, named: named)
        let now = campaignSettings.clock()
        return try await database.useCase { tx in
            guard let manager = try await tx.managers(login: login).first else { throw ServiceError(.notFound, "no manager '\(login)'") }
            guard let sheet = try await tx.callSheet(taskID: taskID) else { throw ServiceError(.notFound, "no task \(taskID)") }
            guard sheet.task.claimedBy == manager.id || sheet.task.managerID == manager.id else {
                throw ServiceError(.permission, "task \(taskID) is another manager's call")
            }
            guard sheet.task.state == .pending, sheet.task.claimedBy == manager.id, let lease = sheet.task.leaseUntil, lease > now else {
                throw ServiceError(.notFound, "task \(taskID) is not a call you hold now (recorded, given back, or its time ran out); take the next call")
            }
            let step = sheet.workflow.step(named: sheet.task.step)
            let campaign = try await tx.campaigns(name: sheet.task.campaign).first
            let zone = sheet.client.timeZone ?? defaultZone
            var inside: Bool?
            if let campaign, let clientZone = TimeZone(identifier: zone) {
                inside = campaign.callingHours.contains(now, in: clientZone, calendar: campaign.calendar(globalHolidays: campaignSettings.globalHolidays))
            }
            return CallSheet(
                task: sheet.task, client: sheet.client, hint: step?.hint ?? "", outcomes: step?.outcomes.map(\.name) ?? [],
                lastCalls: sheet.lastCalls, amounts: sheet.amounts, resumed: true, stepOutcomes: step?.outcomes ?? [], clientZone: zone,
                callingHours: campaign?.callingHours, insideCallingHours: inside)
        }
    }
}
