import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The manager's agenda page (seed 002's two questions: which clients must I call today,
/// which did I forget yesterday or last week) and client search with the card — what the
/// console's `agenda`, `client find` and `client show` let the same person see.
extension HTTPFrontEnd {
    func addWebAgendaRoutes(to pages: RouterGroup<APIRequestContext>) {
        pages.get("agenda") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            let caller = try Self.caller(context)
            let query = request.uri.queryParameters
            let date = try Self.nonEmpty(query.get("date")).map { try Self.date($0, parameter: "date") }
            let named = Self.nonEmpty(query.get("manager"))
            let agenda = try await useCases.calls.agenda(for: named, date: date, as: caller)
            let zone = try await managerZone(caller)
            let day = agenda.day
            func rows(_ entries: [AgendaEntry]) -> [[String: Any]] {
                entries.map { entry in
                    let when = entry.dueAt.map { catalog.dateTime($0, zone: zone) } ?? catalog.day(entry.dueOn.description)
                    return [
                        "client": entry.clientName, "clientID": entry.clientID, "campaign": entry.campaign, "step": entry.step, "when": when,
                        "callback": entry.origin == "callback", "overdue": entry.dueOn < day,
                    ]
                }
            }
            let sections: [(String, [AgendaEntry])] = [
                ("due_today", agenda.entries.filter { $0.dueOn >= day }),
                ("forgotten_yesterday", agenda.entries.filter { $0.dueOn == day.adding(days: -1) }),
                ("forgotten_last_week", agenda.entries.filter { $0.dueOn < day.adding(days: -1) && $0.dueOn >= day.adding(days: -7) }),
                ("overdue", agenda.entries.filter { $0.dueOn < day.adding(days: -7) }),
                ("my_callbacks", agenda.entries.filter { $0.origin == "callback" }),
            ]
            let values: [String: Any] = [
                "heading": catalog.format("agenda_for", ["date": catalog.day(day.description)]),
                "counts": try await workCounts(agenda, manager: caller.manager ?? named, caller: caller, catalog: catalog),
                "sections": sections.filter { !$0.1.isEmpty }.map { ["title": catalog[$0.0], "id": $0.0, "rows": rows($0.1), "count": $0.1.count] },
                "empty": agenda.entries.isEmpty,
            ]
            return WebPage(template: "agenda", title: catalog["agenda_title"], values: values, tab: "agenda").response(catalog, context: context)
        }
        pages.get("clients") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            var values: [String: Any] = [:]
            if let text = Self.nonEmpty(request.uri.queryParameters.get("q")) {
                let found = try await useCases.clients.find(text, segment: nil, tag: nil, limit: 50, as: try Self.caller(context))
                values["q"] = text
                values["searched"] = true
                values["results"] = found.map { ["id": $0.id, "name": $0.name, "phones": $0.phones.map(\.e164).joined(separator: ", "), "email": $0.email ?? ""] }
            }
            return WebPage(template: "clients", title: catalog["clients_title"], values: values, tab: "clients").response(catalog, context: context)
        }
        pages.get("clients/:id") { request, context -> Response in
            let catalog = WebPage.catalog(request, context)
            guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw ServiceError(.notFound, "no such client") }
            let caller = try Self.caller(context)
            let card = try await useCases.clients.card(id, as: caller)
            let zone = try await managerZone(caller)
            let client = card.client
            var values = WebPage.clientCard(client)
            values["history"] = card.history.reversed().map {
                ["when": catalog.dateTime($0.at, zone: zone), "who": $0.actor, "kind": $0.kind, "summary": $0.summary]
            }
            return WebPage(template: "client", title: client.name, values: values, tab: "clients").response(catalog, context: context)
        }
    }
}
