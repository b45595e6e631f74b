import CallsheetDomain
import CallsheetServices
import Foundation

/// `POST /api/v1/next`: everything the manager needs for one call, as the console's `next`
/// card shows it. Money stays decimal text (`"1200.00"`), never a float.
struct CallSheetJSON: Encodable {
    struct Task: Encodable {
        var id: Int
        var campaign: String
        var step: String
        var attempt: Int
        var origin: String
        var personal: Bool
        var dueOn: String
        var dueAt: Date?
        var leaseUntil: Date?

        enum CodingKeys: String, CodingKey {
            case id, campaign, step, attempt, origin, personal
            case dueOn = "due_on"
            case dueAt = "due_at"
            case leaseUntil = "lease_until"
        }
    }

    struct Amount: Encodable {
        var outcome: String
        var total: String
    }

    struct LastCall: Encodable {
        var finishedAt: Date
        var campaign: String
        var manager: String
        var step: String
        var outcome: String
        var amount: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case campaign, manager, step, outcome, amount, note
            case finishedAt = "finished_at"
        }
    }

    var task: Task
    var client: ClientJSON
    var hint: String
    var outcomes: [String]
    var amounts: [Amount]
    var lastCalls: [LastCall]
    var resumed: Bool

    enum CodingKeys: String, CodingKey {
        case task, client, hint, outcomes, amounts, resumed
        case lastCalls = "last_calls"
    }

    init(_ sheet: CallService.CallSheet) {
        let t = sheet.task
        task = Task(
            id: t.id, campaign: t.campaign, step: t.step, attempt: t.attempt, origin: t.origin, personal: t.personal, dueOn: t.dueOn.description,
            dueAt: t.dueAt, leaseUntil: t.leaseUntil)
        client = ClientJSON(sheet.client)
        (hint, outcomes, resumed) = (sheet.hint, sheet.outcomes, sheet.resumed)
        amounts = sheet.amounts.map { Amount(outcome: $0.outcome, total: $0.total) }
        lastCalls = sheet.lastCalls.map {
            LastCall(finishedAt: $0.finishedAt, campaign: $0.campaign, manager: $0.manager, step: $0.step, outcome: $0.outcome, amount: $0.amount, note: $0.note)
        }
    }
}

/// A client as the API shows it (the call sheet, the card, search results).
struct ClientJSON: Encodable {
    struct Phone: Encodable {
        var e164: String
        var `extension`: String?
    }

    var id: Int
    var name: String
    var contact: String?
    var email: String?
    var phones: [Phone]
    var timezone: String?
    var segment: String
    var tags: [String]
    var importance: Int
    var notes: String?
    var externalID: String?

    enum CodingKeys: String, CodingKey {
        case id, name, contact, email, phones, timezone, segment, tags, importance, notes
        case externalID = "external_id"
    }

    init(_ c: ClientRecord) {
        (id, name, contact, email, timezone, segment, tags, importance, notes, externalID) = (
            c.id, c.name, c.contact, c.email, c.timeZone, c.segment, c.tags, c.importance, c.notes, c.externalID
        )
        phones = c.phones.map { Phone(e164: $0.e164, extension: $0.extensionDigits) }
    }
}

/// `GET /api/v1/agenda`: the day and the calls due through it, each marked as due today,
/// forgotten yesterday or overdue.
struct AgendaJSON: Encodable {
    struct Entry: Encodable {
        var manager: String
        var task: Int
        var campaign: String
        var client: Int
        var name: String
        var step: String
        var origin: String
        var dueOn: String
        var dueAt: Date?
        var when: String

        enum CodingKeys: String, CodingKey {
            case manager, task, campaign, client, name, step, origin, when
            case dueOn = "due_on"
            case dueAt = "due_at"
        }
    }

    var date: String
    var due: Int
    var overdue: Int
    var entries: [Entry]

    init(_ agenda: Agenda) {
        let day = agenda.day
        date = day.description
        entries = agenda.entries.map { e in
            let when = e.dueOn.dayNumber >= day.dayNumber ? "today" : e.dueOn.dayNumber == day.dayNumber - 1 ? "yesterday" : "overdue"
            return Entry(
                manager: e.manager, task: e.taskID, campaign: e.campaign, client: e.clientID, name: e.clientName, step: e.step, origin: e.origin,
                dueOn: e.dueOn.description, dueAt: e.dueAt, when: when)
        }
        overdue = entries.filter { $0.when != "today" }.count
        due = entries.count - overdue
    }
}
