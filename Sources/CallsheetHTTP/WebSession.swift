public import Foundation

/// What a browser session holds: who signed in, when (for the absolute lifetime), and the
/// token every state-changing request must echo in `X-CSRF-Token`. Stored as JSON in
/// PostgreSQL under the SHA-256 of the cookie's value.
public struct WebSession: Codable, Sendable, Equatable {
    public var login: String
    public var csrf: String
    public var signedInAt: Date
    /// The language chosen on the pages (`en`, `ru`, …); nil: the browser's
    /// `Accept-Language` decides.
    public var language: String?

    enum CodingKeys: String, CodingKey {
        case login, csrf, language
        case signedInAt = "signed_in_at"
    }
}
