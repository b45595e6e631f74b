import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// The administrator's resources: managers, campaigns and their state, waves, assignments,
/// the do-not-call list — the same use cases (and the same roles) as the console commands.
extension HTTPFrontEnd {
    func addDirectoryRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("managers") { request, context -> Response in
            let query = request.uri.queryParameters
            let managers = try await useCases.directory.managers(
                team: Self.nonEmpty(query.get("team")), includeInactive: query.get("all") == "true", as: try Self.caller(context))
            return try Self.json(managers.map(ManagerJSON.init), status: .ok)
        }
        api.post("managers") { request, context -> Response in
            let body = try await Self.decode(ManagerBody.self, from: request, context: context)
            let manager = try await useCases.directory.addManager(
                login: body.login, name: body.name, team: body.team, capacity: body.capacity, timeZone: body.timezone, email: body.email,
                as: try Self.caller(context))
            return try Self.json(ManagerJSON(manager), status: .created)
        }
        api.get("campaigns") { _, context -> Response in
            let campaigns = try await useCases.campaigns.campaigns(as: try Self.caller(context))
            return try Self.json(campaigns.map(CampaignJSON.init), status: .ok)
        }
        api.get("campaigns/:name") { _, context -> Response in
            let card = try await useCases.campaigns.campaign(named: try Self.name(context), as: try Self.caller(context))
            return try Self.json(CampaignCardJSON(campaign: CampaignJSON(card.campaign), waves: card.waves.map(\.week)), status: .ok)
        }
        for (action, state) in [("pause", CampaignState.paused), ("resume", .active), ("close", .closed)] {
            api.post(RouterPath("campaigns/:name/\(action)")) { _, context -> Response in
                let change = try await useCases.campaigns.setState(try Self.name(context), to: state, as: try Self.caller(context))
                return try Self.json(StateChangeJSON(campaign: CampaignJSON(change.campaign), changed: change.changed, cancelled: change.cancelled), status: .ok)
            }
        }
        api.post("campaigns/:name/waves") { request, context -> Response in
            let body = try await Self.decode(WaveBody.self, from: request, context: context)
            guard let week = ISOWeek(body.week) else { throw ServiceError(.invalid, "week \"\(body.week)\" is not an ISO week like 2026-W48") }
            let plan = try await useCases.waves.open(campaign: try Self.name(context), week: week, dryRun: body.dryRun ?? false, as: try Self.caller(context))
            return try Self.json(
                WaveJSON(wave: plan.waveID, week: plan.week.description, assigned: plan.assigned, dryRun: body.dryRun ?? false),
                status: body.dryRun == true ? .ok : .created)
        }
        api.post("assignments") { request, context -> Response in
            let body = try await Self.decode(AssignmentBody.self, from: request, context: context)
            let assignment = try await useCases.assignments.assign(client: body.client, to: body.manager, campaign: body.campaign, as: try Self.caller(context))
            return try Self.json(AssignmentJSON(case: assignment.caseID, dueOn: assignment.dueOn.description), status: .created)
        }
        api.post("dnc") { request, context -> Response in
            let body = try await Self.decode(DoNotCallBody.self, from: request, context: context)
            var campaignID: Int?
            if let campaign = body.campaign { campaignID = try await useCases.campaigns.campaignID(campaign) }
            let listed = try await useCases.doNotCall.add(body.subject, campaignID: campaignID, reason: body.reason ?? "requested", as: try Self.caller(context))
            return try Self.json(ListedJSON(subject: listed.subject.description, added: listed.added), status: listed.added ? .created : .ok)
        }
        api.get("dnc/:phone") { _, context -> Response in
            let check = try await useCases.doNotCall.check(context.parameters.get("phone") ?? "", as: try Self.caller(context))
            return try Self.json(CheckJSON(phone: check.phone, listed: !check.listings.isEmpty, campaigns: check.listings.compactMap(\.campaignID)), status: .ok)
        }
    }

    static func name(_ context: APIRequestContext) throws -> String {
        guard let name = context.parameters.get("name"), !name.isEmpty else { throw ServiceError(.invalid, "a campaign name is missing from the path") }
        return name.removingPercentEncoding ?? name
    }

    struct ManagerBody: Decodable {
        var login: String
        var name: String
        var team: String
        var capacity: Int?
        var timezone: String?
        var email: String?
    }

    struct ManagerJSON: Encodable {
        var login: String
        var name: String
        var team: String
        var capacity: Int
        var timezone: String
        var active: Bool
        var email: String?

        init(_ m: ManagerRecord) {
            (login, name, team, capacity, timezone, active, email) = (m.login, m.name, m.team, m.capacity, m.timeZone, m.active, m.email)
        }
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

    struct CampaignCardJSON: Encodable {
        var campaign: CampaignJSON
        var waves: [String]
    }

    struct StateChangeJSON: Encodable {
        var campaign: CampaignJSON
        var changed: Bool
        var cancelled: Int
    }

    struct WaveBody: Decodable {
        var week: String
        var dryRun: Bool?

        enum CodingKeys: String, CodingKey {
            case week
            case dryRun = "dry_run"
        }
    }

    struct WaveJSON: Encodable {
        var wave: Int?
        var week: String
        var assigned: Int
        var dryRun: Bool

        enum CodingKeys: String, CodingKey {
            case wave, week, assigned
            case dryRun = "dry_run"
        }
    }

    struct AssignmentBody: Decodable {
        var client: Int
        var manager: String
        var campaign: String
    }

    struct AssignmentJSON: Encodable {
        var `case`: Int
        var dueOn: String

        enum CodingKeys: String, CodingKey {
            case `case`
            case dueOn = "due_on"
        }
    }

    struct DoNotCallBody: Decodable {
        /// A phone number, or `#ID` for a client.
        var subject: String
        var campaign: String?
        var reason: String?
    }

    struct ListedJSON: Encodable {
        var subject: String
        var added: Bool
    }

    struct CheckJSON: Encodable {
        var phone: String
        var listed: Bool
        var campaigns: [Int]
    }
}
