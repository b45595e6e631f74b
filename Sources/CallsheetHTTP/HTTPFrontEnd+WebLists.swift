import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The administrator's lists (seed 004's weekly chores): open the week's wave after seeing
/// its plan (the dry run is a GET, the confirm a POST), see a manager's list, give a client
/// to a manager, move a sick manager's cases to another, deactivate a manager, and the
/// do-not-call list (add, check, remove). Every form posts to the same use case as the
/// console's command and comes back here with what it did; a refusal is the error page
/// with the service's message. Only administrators open these pages (403 for viewers and
/// managers); the use cases check the same again. A manager's list is what is due on it
/// through today — the agenda an administrator reads for them.
extension HTTPFrontEnd {
    func addWebListRoutes(to pages: RouterGroup<APIRequestContext>) {
        pages.get("board/lists") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.boardAdministrator(context)
            let query = request.uri.queryParameters
            let choice = try await boardChoice(request, caller: caller)
            let (campaign, week) = (choice.campaign, choice.week)
            let managers = try await useCases.directory.managers(includeInactive: true, as: caller)
            var values = choice.values
            values["managers"] = managers.map { ["login": $0.login, "name": $0.name, "active": $0.active, "selected": $0.login == query.get("manager")] }
            values["activeManagers"] = managers.filter(\.active).map { ["login": $0.login, "name": $0.name] }
            if let done = Self.nonEmpty(query.get("done")) {
                values["done"] = catalog.format("done_\(done)", ["detail": query.get("detail") ?? ""])
            }
            if query.get("plan") != nil, let campaign {
                let plan = try await useCases.waves.open(campaign: campaign, week: week, dryRun: true, as: caller)
                values["plan"] =
                    [
                        "campaign": campaign, "week": plan.week.description, "assigned": plan.assigned, "dueOn": catalog.day(plan.dueOn.description),
                        "step": plan.firstStep,
                        "lines": plan.managers.map {
                            ["login": $0.login, "capacity": $0.capacity, "kept": $0.counts.kept, "movedIn": $0.counts.movedIn, "new": $0.counts.new, "total": $0.counts.total]
                        },
                        "skipped": plan.skipped.sorted { $0.key < $1.key }.map { ["reason": $0.key, "count": $0.value] },
                    ] as [String: Any]
            }
            if let login = Self.nonEmpty(query.get("manager")) {
                let agenda = try await useCases.calls.agenda(for: login, date: nil, as: caller)
                values["list"] =
                    [
                        "manager": login, "count": agenda.entries.count,
                        "rows": agenda.entries.prefix(200).map {
                            ["clientID": $0.clientID, "client": $0.clientName, "campaign": $0.campaign, "step": $0.step, "due": catalog.day($0.dueOn.description)]
                        },
                    ] as [String: Any]
            }
            if let phone = Self.nonEmpty(query.get("check")) {
                let check = try await useCases.doNotCall.check(phone, as: caller)
                values["checked"] = catalog.format(check.listings.isEmpty ? "dnc_not_listed" : "dnc_listed", ["phone": check.phone])
            }
            return WebPage(template: "lists", title: catalog["lists_title"], values: values, tab: "lists").response(catalog, context: context)
        }
        pages.post("board/waves") { request, context -> Response in
            let form = try await WebForm.read(request)
            let caller = try Self.boardAdministrator(context)
            guard let campaign = form["campaign"], let text = form["week"], let week = ISOWeek(text) else {
                throw ServiceError(.invalid, "opening a wave needs a campaign and an ISO week like 2026-W50")
            }
            let plan = try await useCases.waves.open(campaign: campaign, week: week, dryRun: false, as: caller)
            return WebPage.redirect(Self.listsDone("wave_opened", "\(campaign) \(plan.week): \(plan.assigned)", campaign: campaign))
        }
        pages.post("board/assign") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard let client = form["client"].flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "# "))) }), client > 0,
                let manager = form["manager"], let campaign = form["campaign"]
            else { throw ServiceError(.invalid, "give the client's number (#123), a manager and a campaign") }
            _ = try await useCases.assignments.assign(client: client, to: manager, campaign: campaign, as: try Self.boardAdministrator(context))
            return WebPage.redirect(Self.listsDone("assigned", "#\(client) → \(manager)", campaign: campaign))
        }
        pages.post("board/move") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard let from = form["from"], let to = form["to"] else { throw ServiceError(.invalid, "choose whose cases move and to whom") }
            let moved = try await useCases.assignments.reassign(from: from, to: to, campaign: form["campaign"], clients: [], as: try Self.boardAdministrator(context))
            return WebPage.redirect(Self.listsDone("moved", "\(moved): \(from) → \(to)", campaign: form["campaign"]))
        }
        pages.post("board/deactivate") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard let login = form["manager"] else { throw ServiceError(.invalid, "choose a manager") }
            guard form["confirm"] == "yes" else { throw ServiceError(.invalid, "tick the confirmation to deactivate \(login)") }
            let change = try await useCases.directory.setManagerActive(login: login, active: false, as: try Self.boardAdministrator(context))
            let open = change.openCases.map(\.cases).reduce(0, +)
            return WebPage.redirect(Self.listsDone("deactivated", "\(login) (\(open))", campaign: nil))
        }
        pages.post("board/dnc") { request, context -> Response in
            let form = try await WebForm.read(request)
            let caller = try Self.boardAdministrator(context)
            guard let subject = form["subject"] else { throw ServiceError(.invalid, "give a phone number or a client (#123)") }
            var campaignID: Int?
            if let name = form["campaign"] { campaignID = try await useCases.campaigns.campaignID(name) }
            if form["remove"] == "yes" {
                let removed = try await useCases.doNotCall.remove(subject, campaignID: campaignID, reason: form["reason"], reopen: form["reopen"] == "yes", as: caller)
                return WebPage.redirect(Self.listsDone(removed.removed ? "dnc_removed" : "dnc_was_not_listed", removed.subject.description, campaign: nil))
            }
            let listed = try await useCases.doNotCall.add(subject, campaignID: campaignID, reason: form["reason"] ?? "requested", as: caller)
            return WebPage.redirect(Self.listsDone(listed.added ? "dnc_added" : "dnc_already", listed.subject.description, campaign: nil))
        }
    }

    /// The lists change things: administrators only (a viewer reads the board).
    static func boardAdministrator(_ context: APIRequestContext) throws -> Caller {
        let caller = try boardReader(context)
        guard caller.role == .admin else { throw ServiceError(.permission, "the lists are changed by administrators; a viewer reads the board") }
        return caller
    }

    static func listsDone(_ key: String, _ detail: String, campaign: String?) -> String {
        "/board/lists?done=\(key)&detail=\(queryValue(detail))" + (campaign.map { "&campaign=\(queryValue($0))" } ?? "")
    }
}
