public import CallsheetDomain
public import Foundation

// What the use cases answer when one value is not enough: named fields, so every
// front-end (the console's text and JSON, the HTTP API) reads them by name rather than by
// a tuple's position.

/// `assign`: the case opened and the day its first call is due.
public struct Assignment: Sendable, Equatable {
    public var caseID: Int
    public var dueOn: LocalDate
}

/// `next`: the call sheet of the claimed call, or none and when the next one falls due.
public struct ClaimAnswer: Sendable {
    public var sheet: CallService.CallSheet?
    public var nextDue: Date?
}

/// `agenda`: the day it was read for and the calls due through it.
public struct Agenda: Sendable, Equatable {
    public var day: LocalDate
    public var entries: [AgendaEntry]
}

/// `campaign show`: the campaign and its waves.
public struct CampaignCard: Sendable, Equatable {
    public var campaign: CampaignRecord
    public var waves: [WaveRecord]
}

/// `campaign pause|resume|close`: the campaign now, whether it changed, and how many open
/// cases closing it cancelled.
public struct CampaignStateChange: Sendable, Equatable {
    public var campaign: CampaignRecord
    public var changed: Bool
    public var cancelled: Int
}

/// `campaign add-clients`: clients added, and those already in the audience.
public struct AudienceAdded: Sendable, Equatable {
    public var added: Int
    public var present: Int
}

/// `campaign remove-clients`: clients taken out, and their open cases cancelled.
public struct AudienceRemoved: Sendable, Equatable {
    public var removed: Int
    public var cancelled: Int
}

/// `client edit`: the card now and the names of the fields that changed.
public struct ClientEdit: Sendable, Equatable {
    public var client: ClientRecord
    public var changed: [String]
}

/// `manager deactivate|activate`: the manager now, whether it changed, and the open cases
/// they still hold per campaign (to move with `reassign`).
public struct ManagerActivation: Sendable, Equatable {
    public struct OpenCases: Sendable, Equatable {
        public var campaign: String
        public var cases: Int
    }

    public var manager: ManagerRecord
    public var changed: Bool
    public var openCases: [OpenCases]
}

/// `dnc add`: what was listed, and whether it was new.
public struct DoNotCallListed: Sendable, Equatable {
    public var subject: DoNotCallSubject
    public var added: Bool
}

/// `dnc remove`: what was unlisted, whether it was listed, and what `--reopen` restored.
public struct DoNotCallUnlisted: Sendable, Equatable {
    public var subject: DoNotCallSubject
    public var removed: Bool
    public var reopenedCases: Int
    public var reopenedTasks: Int
}

/// `dnc check`: the number in E.164 and every listing that applies to it.
public struct DoNotCallCheck: Sendable, Equatable {
    public var phone: String
    public var listings: [DoNotCallListing]
}

/// `report untouched`: the clients shown, and how many were never contacted in all —
/// not assigned at all, or assigned and not yet called.
public struct UntouchedReport: Sendable, Equatable {
    public var rows: [UntouchedClient]
    public var notAssigned: Int
    public var assigned: Int
}

/// `report neglected`: the clients shown and how many there are in all.
public struct NeglectedReport: Sendable, Equatable {
    public var rows: [NeglectedClient]
    public var total: Int
}

/// `wave show`: the wave, each manager's open and closed cases in it, and its list entries.
public struct WaveLists: Sendable, Equatable {
    public struct ManagerCases: Sendable, Equatable {
        public var manager: String
        public var open: Int
        public var closed: Int
    }

    public var wave: WaveRecord
    public var managers: [ManagerCases]
    public var entries: [WaveListEntry]
}
