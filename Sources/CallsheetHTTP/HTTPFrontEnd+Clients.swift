import CallsheetDomain
import CallsheetServices
import Foundation
import Hummingbird

/// Clients: search (`?q=` name, phone, e-mail or external id) and the card with its history.
extension HTTPFrontEnd {
    func addClientRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("clients") { request, context -> Response in
            let query = request.uri.queryParameters
            guard let text = query.get("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ServiceError(.invalid, "search with ?q= (a name, a phone number, an e-mail or an external id)")
            }
            var segment: ClientSegment?
            if let word = Self.nonEmpty(query.get("segment")) {
                guard let parsed = ClientSegment(text: word) else { throw ServiceError(.invalid, "segment=\(word) is not a segment (individual, company, vip, foreign)") }
                segment = parsed
            }
            let limit = try Self.limit(Self.nonEmpty(query.get("limit")), default: 50)
            let found = try await useCases.clients.find(text, segment: segment, tag: Self.nonEmpty(query.get("tag")), limit: limit, as: try Self.caller(context))
            return try Self.json(found.map(ClientJSON.init), status: .ok)
        }
        api.get("clients/:id") { _, context -> Response in
            guard let text = context.parameters.get("id"), let id = Int(text), id > 0 else {
                throw ServiceError(.invalid, "\"\(context.parameters.get("id") ?? "")\" is not a client id")
            }
            let card = try await useCases.clients.card(id, as: try Self.caller(context))
            return try Self.json(ClientCardJSON(client: ClientJSON(card.client), history: card.history.map(EventJSON.init)), status: .ok)
        }
    }

    static func limit(_ text: String?, default value: Int, maximum: Int = 1_000) throws -> Int {
        guard let text else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else { throw ServiceError(.invalid, "limit=\(text) is not a number from 1 to \(maximum)") }
        return limit
    }

    struct ClientCardJSON: Encodable {
        var client: ClientJSON
        var history: [EventJSON]
    }

    struct EventJSON: Encodable {
        var at: Date
        var actor: String
        var kind: String
        var summary: String

        init(_ e: ClientEventRecord) {
            (at, actor, kind, summary) = (e.at, e.actor, e.kind, e.summary)
        }
    }
}
