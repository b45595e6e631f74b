import CallsheetDomain
public import CallsheetServices
import Foundation
public import Hummingbird
import HummingbirdAuth

/// The HTTP front-end's routes. Like the console, it is an adapter: every route maps its
/// request to a use case of ``UseCases`` with a ``CallsheetDomain/Caller`` and renders the
/// answer; rules live in the services. It knows nothing of sockets, TLS or configuration
/// files — the daemon puts an `Application` around ``router()`` and runs it in its
/// `ServiceGroup`.
///
/// `GET /health` (and `/healthz`) answer load balancers without sign-in; everything under
/// `/api/v1` is described in `docs/openapi.yaml` (served at `/api/v1/openapi.yaml`). The
/// pages (`/login`, `/call`, `/agenda`, `/clients`) are server-rendered from the package's
/// templates and catalogs over the same use cases (docs/web.md).
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
    let settings: Settings
    /// The Prometheus text of `/metrics` (the daemon owns the registry); nil: no route.
    let metrics: (@Sendable () async -> String)?

    public init(
        version: String, useCases: UseCases, settings: Settings = Settings(), metrics: (@Sendable () async -> String)? = nil,
        health: @escaping @Sendable () async -> Health
    ) {
        self.version = version
        self.useCases = useCases
        self.settings = settings
        self.metrics = metrics
        self.health = health
    }

    public func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        addMetricsRoute(to: router)
        for path in ["/health", "/healthz"] {
            router.get(RouterPath(path)) { _, _ -> Response in
                let health = await self.health()
                let body = HealthBody(
                    status: health.databaseReachable ? "ok" : "unavailable", version: version, schemaVersion: health.schemaVersion,
                    problem: health.problem)
                return try Self.json(body, status: health.databaseReachable ? .ok : .serviceUnavailable)
            }
        }
        let cookie = SessionCookieParameters(name: Self.sessionCookie, path: "/", secure: settings.usesTLS, sameSite: .strict)
        let sessions = SessionMiddleware<APIRequestContext>(
            storage: PostgresSessionDriver(store: useCases.webSessions),
            configuration: .init(sessionCookieParameters: cookie, keyPrefix: Self.sessionKeyPrefix, defaultSessionExpiration: settings.sessionIdle))
        let api = router.group("api/v1").add(middleware: ServiceErrorMiddleware()).add(middleware: sessions)
        let signedIn = api.group().add(middleware: SignInMiddleware(tokens: useCases.tokens, accounts: useCases.accounts, settings: settings))
        addSessionRoutes(public: api, signedIn: signedIn)
        addOpenAPIRoute(to: api)
        addInvitationRoutes(to: router)
        let pages = router.group().add(middleware: WebErrorMiddleware()).add(middleware: sessions)
        let signedInPages = pages.group().add(middleware: WebPageMiddleware(accounts: useCases.accounts, settings: settings))
        addWebSignInRoutes(public: pages, signedIn: signedInPages)
        addWebCallRoutes(to: signedInPages)
        addWebAgendaRoutes(to: signedInPages)
        addWebBoardRoutes(to: signedInPages)
        addWebListRoutes(to: signedInPages)
        addWebImportRoutes(to: signedInPages)
        addCallRoutes(to: signedIn)
        addClientRoutes(to: signedIn)
        addReportRoutes(to: signedIn)
        addDirectoryRoutes(to: signedIn)
        addAdministrationRoutes(to: signedIn)
        addEventRoutes(to: signedIn)
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

    static func caller(_ context: APIRequestContext) throws -> Caller {
        guard let caller = context.caller else { throw ServiceError(.permission, "not signed in") }
        return caller
    }

    /// The request's JSON body as `T`; a body that is not JSON or lacks a field is 422 with
    /// the field's name, as a console command names the argument it misses.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch DecodingError.keyNotFound(let key, _) {
            throw ServiceError(.invalid, "the JSON body needs \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let at) {
            throw ServiceError(.invalid, "the JSON body's \"\(at.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch DecodingError.valueNotFound(_, let at) {
            throw ServiceError(.invalid, "the JSON body's \"\(at.codingPath.map(\.stringValue).joined(separator: "."))\" may not be null")
        } catch {
            throw ServiceError(.invalid, "the body is not a JSON object (send Content-Type: application/json)")
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
