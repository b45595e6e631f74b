import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The rest of the administrator's console as resources: administrators and viewers,
/// editing and (de)activating managers, creating campaigns and filling their audience,
/// listing waves, moving clients between managers, and the do-not-call list.
extension HTTPFrontEnd {
    func addAdministrationRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("admins") { _, context -> Response in
            let admins = try await useCases.directory.administrators(as: try Self.caller(context))
            return try Self.json(admins.map { PersonJSON(login: $0.login, name: $0.name, email: $0.email) }, status: .ok)
        }
        api.post("admins") { request, context -> Response in
            let body = try await Self.decode(PersonBody.self, from: request, context: context)
            let admin = try await useCases.directory.addAdministrator(login: body.login, name: body.name, email: body.email, as: try Self.caller(context))
            return try Self.json(PersonJSON(login: admin.login, name: admin.name, email: admin.email), status: .created)
        }
        api.get("viewers") { _, context -> Response in
            let viewers = try await useCases.directory.viewers(as: try Self.caller(context))
            return try Self.json(viewers.map { PersonJSON(login: $0.login, name: $0.name, email: $0.email) }, status: .ok)
        }
        api.post("viewers") { request, context -> Response in
            let body = try await Self.decode(PersonBody.self, from: request, context: context)
            let viewer = try await useCases.directory.addViewer(login: body.login, name: body.name, email: body.email, as: try Self.caller(context))
            return try Self.json(PersonJSON(login: viewer.login, name: viewer.name, email: viewer.email), status: .created)
        }
        api.patch("managers/:login") { request, context -> Response in
            let body = try await Self.decode(ManagerEditBody.self, from: request, context: context)
            let changes = ManagerChanges(name: body.name, team: body.team, capacity: body.capacity, timeZone: body.timezone, email: body.email)
            let manager = try await useCases.directory.editManager(login: try Self.login(context), changes: changes, as: try Self.caller(context))
            return try Self.json(ManagerJSON(manager), status: .ok)
        }
        for (action, active) in [("activate", true), ("deactivate", false)] {
            api.post(RouterPath("managers/:login/\(action)")) { _, context -> Response in
                let change = try await useCases.directory.setManagerActive(login: try Self.login(context), active: active, as: try Self.caller(context))
                return try Self.json(ActivationJSON(manager: ManagerJSON(change.manager), changed: change.changed), status: .ok)
            }
        }
        api.post("campaigns") { request, context -> Response in
            let body = try await Self.decode(CampaignBody.self, from: request, context: context)
            var hours = CallingHours(start: 9 * 60, end: 18 * 60)!
            if let text = body.callingHours {
                guard let parsed = CallingHours(text) else { throw ServiceError(.invalid, "calling_hours \"\(text)\" is not HH:MM-HH:MM such as 09:00-18:00") }
                hours = parsed
            }
            let campaign = try await useCases.campaigns.create(
                name: body.name, workflow: body.workflow, team: body.team, callingHours: hours, eventDay: nil, budget: body.budget, holidays: [],
                as: try Self.caller(context))
            return try Self.json(CampaignJSON(campaign), status: .created)
        }
        api.post("campaigns/:name/clients") { request, context -> Response in
            let body = try await Self.decode(AudienceBody.self, from: request, context: context)
            let added = try await useCases.campaigns.addClients(try Self.name(context), .clients(body.clients), as: try Self.caller(context))
            return try Self.json(AudienceJSON(added: added.added, present: added.present), status: .ok)
        }
        api.get("campaigns/:name/waves") { _, context -> Response in
            let waves = try await useCases.waves.waves(campaign: try Self.name(context), as: try Self.caller(context))
            return try Self.json(
                waves.map { WaveRowJSON(id: $0.id, week: $0.week, openedAt: $0.openedAt, openedBy: $0.openedBy, assigned: $0.assigned, skipped: $0.skipped) },
                status: .ok)
        }
        api.post("reassignments") { request, context -> Response in
            let body = try await Self.decode(ReassignBody.self, from: request, context: context)
            let moved = try await useCases.assignments.reassign(
                from: body.from, to: body.to, campaign: body.campaign, clients: body.clients ?? [], as: try Self.caller(context))
            return try Self.json(MovedJSON(moved: moved), status: .ok)
        }
        api.delete("campaigns/:name/assignments/:client") { _, context -> Response in
            guard let text = context.parameters.get("client"), let client = Int(text), client > 0 else { throw ServiceError(.invalid, "not a client id") }
            let manager = try await useCases.assignments.unassign(client: client, campaign: try Self.name(context), as: try Self.caller(context))
            return try Self.json(UnassignedJSON(client: client, manager: manager), status: .ok)
        }
        api.get("dnc") { request, context -> Response in
            let query = request.uri.queryParameters
            var campaignID: Int?
            if let campaign = Self.nonEmpty(query.get("campaign")) { campaignID = try await useCases.campaigns.campaignID(campaign) }
            let limit = try Self.limit(Self.nonEmpty(query.get("limit")), default: 100)
            let listings = try await useCases.doNotCall.list(campaignID: campaignID, globalOnly: query.get("global") == "true", limit: limit, as: try Self.caller(context))
            return try Self.json(
                listings.map { ListingJSON(subject: $0.subject.description, campaign: $0.campaignID, since: $0.since, reason: $0.reason, addedBy: $0.addedBy) },
                status: .ok)
        }
        api.delete("dnc/:phone") { request, context -> Response in
            let query = request.uri.queryParameters
            var campaignID: Int?
            if let campaign = Self.nonEmpty(query.get("campaign")) { campaignID = try await useCases.campaigns.campaignID(campaign) }
            let removed = try await useCases.doNotCall.remove(
                context.parameters.get("phone")?.removingPercentEncoding ?? "", campaignID: campaignID, reason: Self.nonEmpty(query.get("reason")),
                reopen: query.get("reopen") == "true", as: try Self.caller(context))
            return try Self.json(
                UnlistedJSON(subject: removed.subject.description, removed: removed.removed, reopenedCases: removed.reopenedCases), status: .ok)
        }
    }

    static func login(_ context: APIRequestContext) throws -> String {
        guard let login = context.parameters.get("login"), !login.isEmpty else { throw ServiceError(.invalid, "a login is missing from the path") }
        return login
    }

    /// A query value, with an empty one (an HTML form's empty field) as none.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    struct PersonBody: Decodable {
        var login: String
        var name: String
        var email: String?
    }

    struct PersonJSON: Encodable {
        var login: String
        var name: String
        var email: String?
    }

    struct ManagerEditBody: Decodable {
        var name: String?
        var team: String?
        var capacity: Int?
        var timezone: String?
        var email: String?
    }

    struct ActivationJSON: Encodable {
        var manager: ManagerJSON
        var changed: Bool
    }

    struct CampaignBody: Decodable {
        var name: String
        var workflow: String
        var team: String
        var callingHours: String?
        var budget: String?

        enum CodingKeys: String, CodingKey {
            case name, workflow, team, budget
            case callingHours = "calling_hours"
        }
    }

    struct AudienceBody: Decodable {
        var clients: [Int]
    }

    struct AudienceJSON: Encodable {
        var added: Int
        var present: Int
    }

    struct WaveRowJSON: Encodable {
        var id: Int
        var week: String
        var openedAt: Date
        var openedBy: String
        var assigned: Int
        var skipped: Int

        enum CodingKeys: String, CodingKey {
            case id, week, assigned, skipped
            case openedAt = "opened_at"
            case openedBy = "opened_by"
        }
    }

    struct ReassignBody: Decodable {
        var from: String
        var to: String
        var campaign: String?
        var clients: [Int]?
    }

    struct MovedJSON: Encodable {
        var moved: Int
    }

    struct UnassignedJSON: Encodable {
        var client: Int
        var manager: String
    }

    struct ListingJSON: Encodable {
        var subject: String
        var campaign: Int?
        var since: Date
        var reason: String
        var addedBy: String

        enum CodingKeys: String, CodingKey {
            case subject, campaign, since, reason
            case addedBy = "added_by"
        }
    }

    struct UnlistedJSON: Encodable {
        var subject: String
        var removed: Bool
        var reopenedCases: Int

        enum CodingKeys: String, CodingKey {
            case subject, removed
            case reopenedCases = "reopened_cases"
        }
    }
}
