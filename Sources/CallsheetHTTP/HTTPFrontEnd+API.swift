import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The `/api/v1` routes: each maps its request to one use case with the signed-in caller and
/// answers JSON with snake_case keys, as the console's `--json` does.
extension HTTPFrontEnd {
    func addAPIRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("whoami") { _, context -> Response in
            let caller = try Self.caller(context)
            let login: String? =
                switch caller.identity {
                case .account(let login): login
                case .osUser(_, let name): name
                }
            return try Self.json(WhoAmI(login: login, role: "\(caller.role)", manager: caller.manager), status: .ok)
        }
        api.get("campaigns") { _, context -> Response in
            let campaigns = try await useCases.campaigns.campaigns(as: try Self.caller(context))
            return try Self.json(campaigns.map(CampaignJSON.init), status: .ok)
        }
        api.get("agenda") { request, context -> Response in
            let manager = request.uri.queryParameters.get("manager")
            var date: LocalDate?
            if let text = request.uri.queryParameters.get("date") {
                guard let parsed = LocalDate(iso: text) else { throw ServiceError(.invalid, "date \"\(text)\" is not a date like 2026-11-24") }
                date = parsed
            }
            let agenda = try await useCases.calls.agenda(for: manager, date: date, as: try Self.caller(context))
            return try Self.json(AgendaJSON(agenda), status: .ok)
        }
    }

    static func caller(_ context: APIRequestContext) throws -> Caller {
        guard let caller = context.caller else { throw ServiceError(.permission, "not signed in") }
        return caller
    }

    struct WhoAmI: Encodable {
        var login: String?
        var role: String
        var manager: String?
    }

    struct CampaignJSON: Encodable {
        var name: String
        var team: String
        var workflow: String
        var state: String
        var audience: Int
        var waves: Int
        var openCases: Int

        init(_ c: CampaignRecord) {
            (name, team, workflow, state) = (c.name, c.team, c.workflow.name, c.state.rawValue)
            (audience, waves, openCases) = (c.audience, c.waves, c.openCases)
        }

        enum CodingKeys: String, CodingKey {
            case name, team, workflow, state, audience, waves
            case openCases = "open_cases"
        }
    }

    struct AgendaJSON: Encodable {
        struct Entry: Encodable {
            var manager: String
            var task: Int
            var campaign: String
            var client: Int
            var name: String
            var step: String
            var origin: String
            var dueOn: String
            var dueAt: Date?

            enum CodingKeys: String, CodingKey {
                case manager, task, campaign, client, name, step, origin
                case dueOn = "due_on"
                case dueAt = "due_at"
            }
        }

        var date: String
        var entries: [Entry]

        init(_ agenda: Agenda) {
            date = agenda.day.description
            entries = agenda.entries.map {
                Entry(
                    manager: $0.manager, task: $0.taskID, campaign: $0.campaign, client: $0.clientID, name: $0.clientName, step: $0.step,
                    origin: $0.origin, dueOn: $0.dueOn.description, dueAt: $0.dueAt)
            }
        }
    }
}
