import Foundation

/// A change announced to live screens (schema 21's triggers put it on the database's
/// `callsheet_events` channel): a call recorded, calls assigned, a wave opened. A hint that
/// something changed — screens read the state again; nothing is ever decided from it.
public struct ChangeEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case outcome, assigned, wave
    }

    public var kind: Kind
    public var task: Int?
    public var campaign: String?
    /// The manager whose call it was, or who got the calls.
    public var manager: String?
    /// The administrator whose team it is.
    public var team: String?
    public var outcome: String?
    public var calls: Int?
    public var week: String?

    public init(
        kind: Kind, task: Int? = nil, campaign: String? = nil, manager: String? = nil, team: String? = nil, outcome: String? = nil, calls: Int? = nil,
        week: String? = nil
    ) {
        self.kind = kind
        self.task = task
        self.campaign = campaign
        self.manager = manager
        self.team = team
        self.outcome = outcome
        self.calls = calls
        self.week = week
    }

    /// The event in a notification's JSON payload; nil for anything else.
    public init?(payload: String) {
        guard let event = try? JSONDecoder().decode(ChangeEvent.self, from: Data(payload.utf8)) else { return nil }
        self = event
    }

    /// Whether it concerns someone: administrators and viewers read everything, so every
    /// event concerns them; a manager hears of calls assigned to them, and of outcomes and
    /// waves in their team.
    public func concerns(role: Role, login: String?, team myTeam: String?) -> Bool {
        switch role {
        case .admin, .viewer: return true
        case .manager:
            switch kind {
            case .assigned: return manager != nil && manager == login
            case .outcome, .wave: return team != nil && team == myTeam
            }
        }
    }
}
