import CallsheetDomain
import CallsheetServices
import Foundation

/// `dnc add|remove|check|list|import`: the do-not-call lists (docs/domain.md#do-not-call).
public enum DoNotCallCommands {
    public static let all: [ConsoleCommand] = [add, remove, check, list, importList]

    /// `--campaign NAME` (or its numeric id) resolved to the campaign id; nil: the global list.
    static func campaignID(_ context: inout CommandContext) async throws -> Int? {
        guard let text = try context.arguments.option("campaign") else { return nil }
        return try await context.services().campaigns.campaignID(text)
    }

    static let add = ConsoleCommand(
        "dnc add", usage: "dnc add PHONE|#CLIENT [--campaign NAME] --reason TEXT",
        summary: "put a number or a client on the do-not-call list (global unless --campaign); managers: their own clients", useCase: .addDoNotCall, changesState: true
    ) { context in
        let target = try context.arguments.required("a PHONE or #CLIENT")
        let campaign = try await campaignID(&context)
        let reason = try context.arguments.option("reason") ?? ""
        try context.arguments.finish()
        let listed = try await context.explainingOwnLogin {
            try await context.services().doNotCall.add(target, campaignID: campaign, reason: reason, as: context.caller)
        }
        let (subject, added) = (listed.subject, listed.added)
        return ConsoleResponse(status: [("dnc", .string(subject.description)), ("list", .string(campaign.map { "campaign \($0)" } ?? "global")), ("added", .bool(added))])
    }

    static let remove = ConsoleCommand(
        "dnc remove", usage: "dnc remove PHONE|#CLIENT [--campaign NAME] [--reason TEXT] [--reopen]",
        summary: "take a number or a client off a do-not-call list (the history keeps both); --reopen restores the cases it closed", useCase: .removeDoNotCall, changesState: true
    ) { context in
        let target = try context.arguments.required("a PHONE or #CLIENT")
        let campaign = try await campaignID(&context)
        let reason = try context.arguments.option("reason")
        let reopen = context.arguments.flag("reopen")
        try context.arguments.finish()
        let unlisted = try await context.services().doNotCall.remove(target, campaignID: campaign, reason: reason, reopen: reopen, as: context.caller)
        let (subject, removed) = (unlisted.subject, unlisted.removed)
        guard removed else { throw ConsoleError.notFound("\(subject) is not on the \(campaign.map { "campaign \($0)" } ?? "global") do-not-call list") }
        var status: [(String, ConsoleValue)] = [("dnc", .string(subject.description)), ("removed", .bool(true))]
        if reopen { status += [("reopened_cases", .int(unlisted.reopenedCases)), ("reopened_tasks", .int(unlisted.reopenedTasks))] }
        return ConsoleResponse(status: status)
    }

    static let check = ConsoleCommand(
        "dnc check", usage: "dnc check PHONE", summary: "is this number (or a client who has it) on a do-not-call list?", useCase: .checkDoNotCall
    ) { context in
        let phone = try context.arguments.required("a PHONE")
        try context.arguments.finish()
        let checked = try await context.services().doNotCall.check(phone, as: context.caller)
        let (e164, listings) = (checked.phone, checked.listings)
        return ConsoleResponse(status: [("phone", .string(e164)), ("listed", .bool(!listings.isEmpty)), ("lists", .int(listings.count))], body: table(listings))
    }

    static let list = ConsoleCommand(
        "dnc list", usage: "dnc list [--campaign NAME | --global] [--limit N]", summary: "current do-not-call entries, newest first", useCase: .listDoNotCall
    ) { context in
        let campaign = try await campaignID(&context)
        let global = context.arguments.flag("global")
        let limit = try context.arguments.intOption("limit", in: 1...100_000) ?? 100
        try context.arguments.finish()
        let listings = try await context.services().doNotCall.list(campaignID: campaign, globalOnly: global, limit: limit, as: context.caller)
        return ConsoleResponse(status: [("entries", .int(listings.count))], body: table(listings))
    }

    static let importList = ConsoleCommand(
        "dnc import", usage: "dnc import [--campaign NAME] [--reason TEXT] [--skip-invalid] <<END",
        summary: "list every phone of a CSV (columns: phone, optional reason)", useCase: .importDoNotCall, changesState: true, acceptsPayload: true, bulk: true
    ) { context in
        let campaign = try await campaignID(&context)
        let reason = try context.arguments.option("reason")
        let skipInvalid = context.arguments.flag("skip-invalid")
        try context.arguments.finish()
        guard let payload = context.payload else {
            throw ConsoleError.syntax("'dnc import' reads the CSV from a payload block: end the line with <<END (callsheetctl dnc import < list.csv does this)")
        }
        let result = try await context.services().doNotCall.importList(
            lines: { try await payload.next() }, campaignID: campaign, defaultReason: reason, skipInvalid: skipInvalid, as: context.caller
        )
        return ConsoleResponse(
            status: [("read", .int(result.read)), ("added", .int(result.added)), ("already", .int(result.already)), ("rejected", .int(result.rejectedCount))],
            body: .lines(result.report)
        )
    }

    static func table(_ listings: [DoNotCallListing]) -> ResponseBody {
        .table(
            columns: ["entry", "list", "since", "by", "reason"],
            rows: listings.map {
                [
                    .string($0.subject.description), .string($0.campaignID.map { "campaign \($0)" } ?? "global"),
                    .string(ConsoleValue.timestamp($0.since)), .string($0.addedBy), .string($0.reason),
                ]
            })
    }
}
