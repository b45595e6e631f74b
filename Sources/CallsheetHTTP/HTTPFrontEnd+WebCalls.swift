import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The manager's page for the call loop: one button for the next call; the call with one
/// button per outcome; after recording, what happens next and the next call at once — so
/// "next" to "recorded" is two clicks (or `N` and a digit). Every action is a form that
/// posts and is redirected (no JavaScript needed); each outcome form carries a request id,
/// so a double click or a resent form records once.
extension HTTPFrontEnd {
    func addWebCallRoutes(to pages: RouterGroup<APIRequestContext>) {
        pages.get("call") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.caller(context)
            let query = request.uri.queryParameters
            var values: [String: Any] = [:]
            if let outcome = Self.nonEmpty(query.get("recorded")) {
                var lines = [catalog.format("recorded", ["outcome": outcome])]
                if let step = Self.nonEmpty(query.get("next_step")), let due = Self.nonEmpty(query.get("next_due")) {
                    lines.append(catalog.format("next_step_on", ["step": step, "date": catalog.day(due)]))
                } else if let state = Self.nonEmpty(query.get("case")) {
                    lines.append(catalog.format("case_now", ["state": state]))
                }
                values["recorded"] = lines
                values["recordedShown"] = true
            }
            if query.get("released") != nil { values["released"] = catalog["released"] }
            if query.get("nothing") != nil {
                values["nothing"] = catalog["nothing_due"]
                if let due = Self.nonEmpty(query.get("due")).flatMap({ try? Date($0, strategy: .iso8601) }) {
                    values["nextDue"] = catalog.format("next_due_at", ["time": catalog.dateTime(due, zone: try await managerZone(caller))])
                }
            }
            let agenda = try await useCases.calls.agenda(for: nil, date: nil, as: caller)
            values["counts"] = try await workCounts(agenda, manager: caller.manager, caller: caller, catalog: catalog)
            return WebPage(template: "call", title: catalog["next_call"], values: values, tab: "call").response(catalog, context: context)
        }
        pages.post("call/next") { _, context -> Response in
            let claim = try await useCases.calls.next(for: nil, campaign: nil, as: try Self.caller(context))
            guard let sheet = claim.sheet else {
                return WebPage.redirect("/call?nothing=1" + (claim.nextDue.map { "&due=" + $0.formatted(Date.ISO8601FormatStyle()) } ?? ""))
            }
            return WebPage.redirect("/call/\(sheet.task.id)")
        }
        pages.get("call/:id") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.caller(context)
            let sheet = try await useCases.calls.sheet(task: try Self.taskID(context), for: nil, as: caller)
            let page = CallPage(sheet: sheet, catalog: catalog, managerZone: try await managerZone(caller), now: useCases.calls.campaignSettings.clock())
            return WebPage(template: "sheet", title: sheet.client.name, values: page.values, tab: "call").response(catalog, context: context)
        }
        pages.post("call/:id/outcome") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard let outcome = form["outcome"] else { throw ServiceError(.invalid, "choose an outcome") }
            let input = CallService.OutcomeInput(
                outcome: outcome, note: form["note"], amount: form["amount"], at: form["at"] ?? form["quick"], reason: form["reason"], requestID: form["request_id"],
                forTeam: form["for"] == "team")
            let result = try await useCases.calls.recordOutcome(task: try Self.taskID(context), input, for: nil, as: try Self.caller(context))
            var query = "recorded=" + Self.queryValue(result.outcome)
            if let step = result.nextStep, let due = result.nextDue {
                query += "&next_step=" + Self.queryValue(step) + "&next_due=\(due)"
            } else {
                query += "&case=" + Self.queryValue(result.caseState)
            }
            return WebPage.redirect("/call?" + query)
        }
        pages.post("call/:id/release") { request, context -> Response in
            let form = try await WebForm.read(request)
            try await useCases.calls.release(task: try Self.taskID(context), reason: form["reason"], for: nil, as: try Self.caller(context))
            return WebPage.redirect("/call?released=1")
        }
    }

    /// The signed-in manager's time zone (call-back times are theirs).
    func managerZone(_ caller: Caller) async throws -> TimeZone {
        guard let login = caller.manager else { return useCases.calls.campaignSettings.timeZone }
        let manager = try await useCases.directory.manager(login: login, as: caller)
        return TimeZone(identifier: manager.timeZone) ?? useCases.calls.campaignSettings.timeZone
    }

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_."))) ?? ""
    }

    /// Today's work against the manager's list: called today, still to go, overdue,
    /// call-backs, and each money outcome of the day (`invoiced`, `paid`) — `report daily`'s
    /// row of today beside the agenda.
    func workCounts(_ agenda: Agenda, manager: String?, caller: Caller, catalog: WebCatalog) async throws -> [[String: Any]] {
        let overdue = agenda.entries.filter { $0.dueOn < agenda.day }.count
        var counts: [[String: Any]] = []
        if let manager {
            let scope = try useCases.reports.scope(campaign: nil, week: nil, from: agenda.day.description, to: nil, team: nil, manager: manager)
            let daily = try await useCases.reports.daily(scope, as: caller)
            let row = daily.rows.first { $0.manager == manager && $0.day == agenda.day }
            counts.append(["label": catalog["counts_called"], "value": row?.calls ?? 0])
            counts.append(["label": catalog["counts_due"], "value": agenda.entries.count])
            for outcome in daily.amountOutcomes { counts.append(["label": outcome, "value": row?.amounts[outcome]?.count ?? 0]) }
        } else {
            counts.append(["label": catalog["counts_due"], "value": agenda.entries.count])
        }
        counts.append(["label": catalog["counts_overdue"], "value": overdue])
        counts.append(["label": catalog["counts_callbacks"], "value": agenda.entries.filter { $0.origin == "callback" }.count])
        return counts
    }
}
