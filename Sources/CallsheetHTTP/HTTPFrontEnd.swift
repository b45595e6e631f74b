import CallsheetDomain
public import CallsheetServices
import Foundation
public import Hummingbird

/// The HTTP front-end's routes. Like the console, it is an adapter: every route maps its
/// request to a use case of ``UseCases`` with a ``CallsheetDomain/Caller`` and renders the
/// answer; rules live in the services. It knows nothing of sockets, TLS or configuration —
/// the daemon puts an `Application` around ``router()`` and runs it in its `ServiceGroup`.
///
/// Routes so far (issue 20 builds the rest on them): `GET /health` for load balancers and
/// monitoring — 200 while the database answers, 503 otherwise — with no sign-in; and under
/// `/api/v1`, signed in with an API token (``BearerAuthenticator``): `whoami`, `campaigns`
/// and `agenda` (`?manager=LOGIN&date=YYYY-MM-DD`).
public struct HTTPFrontEnd: Sendable {
    /// What `/health` reports: whether the database answers and at which schema version.
    public struct Health: Sendable, Equatable {
        public var databaseReachable: Bool
        public var schemaVersion: Int?
        public var problem: String?

        public init(databaseReachable: Bool, schemaVersion: Int?, problem: String?) {
            self.databaseReachable = databaseReachable
            self.schemaVersion = schemaVersion
            self.problem = problem
        }
    }

    let version: String
    let health: @Sendable () async -> Health
    let useCases: UseCases

    public init(version: String, useCases: UseCases, health: @escaping @Sendable () async -> Health) {
        self.version = version
        self.useCases = useCases
        self.health = health
    }

    public func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.get("/health") { _, _ -> Response in
            let health = await self.health()
            let body = HealthBody(
                status: health.databaseReachable ? "ok" : "unavailable", version: version, schemaVersion: health.schemaVersion,
                problem: health.problem)
            return try Self.json(body, status: health.databaseReachable ? .ok : .serviceUnavailable)
        }
        let api = router.group("api/v1").add(middleware: ServiceErrorMiddleware()).add(middleware: BearerAuthenticator(tokens: useCases.tokens))
        addAPIRoutes(to: api)
        return router
    }

    private struct HealthBody: Encodable {
        var status: String
        var version: String
        var schemaVersion: Int?
        var problem: String?

        enum CodingKeys: String, CodingKey {
            case status, version, problem
            case schemaVersion = "schema_version"
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
