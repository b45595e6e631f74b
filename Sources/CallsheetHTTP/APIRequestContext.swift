public import CallsheetDomain
public import Hummingbird

/// The per-request context of the HTTP front-end: Hummingbird's core, plus the ``Caller``
/// the bearer token (and, later, the session) signed in as — set by ``BearerAuthenticator``
/// before any `/api` route runs.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.caller = nil
    }
}
