/// What an API token may be used for: `api` signs a script in to `/api/v1` as the token's
/// login; `metrics` only reads `/metrics` (a Prometheus server on another host) and signs
/// no one in — a leaked metrics token reveals counts, never clients.
public enum TokenScope: String, Sendable, CaseIterable {
    case api, metrics
}
