public import CallsheetDomain
public import Hummingbird
public import HummingbirdAuth
public import NIOCore

/// The per-request context of the HTTP front-end: Hummingbird's core, the browser session
/// (HummingbirdAuth's ``SessionContext``, stored in PostgreSQL), the ``Caller`` the request
/// signed in as (set by ``SignInMiddleware`` from a bearer token or the session), and the
/// peer's address for the sign-in throttle.
public struct APIRequestContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var caller: Caller?
    public let remoteAddress: SocketAddress?
    /// Who the request signed in as, for the access log (written by ``SignInMiddleware``,
    /// read by ``AccessLogMiddleware`` further out, which sees its own copy of the context).
    public let accessNote: AccessNote

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.caller = nil
        self.remoteAddress = source.channel.remoteAddress
        self.accessNote = AccessNote()
    }
}
