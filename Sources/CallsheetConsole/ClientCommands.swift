import CallsheetDomain
import CallsheetServices
import Foundation

/// `client add|show|edit|find`: the client card (docs/domain.md#client-card). Import lives in `ClientImportCommands`.
public enum ClientCommands {
    public static let all: [ConsoleCommand] = [add, show, edit, find]

    static let add = ConsoleCommand(
        "client add",
        usage:
            "client add --name NAME --phone PHONE [--phone PHONE] [--contact C] [--email E] [--segment S] [--tag T]... [--importance 0-10] [--timezone TZ] [--external-id ID] [--notes TEXT] [--allow-duplicate]",
        summary: "add a client card", useCase: .addClient, changesState: true
    ) { context in
        var fields = ClientFields()
        fields.name = try context.arguments.option("name")
        fields.phones = try context.arguments.options("phone")
        fields.contact = try context.arguments.option("contact")
        fields.email = try context.arguments.option("email")
        fields.segment = try context.arguments.option("segment")
        fields.tags = try context.arguments.options("tag")
        fields.importance = try context.arguments.option("importance")
        fields.timeZone = try context.arguments.option("timezone")
        fields.externalID = try context.arguments.option("external-id")
        fields.notes = try context.arguments.option("notes")
        let allowDuplicate = context.arguments.flag("allow-duplicate")
        try context.arguments.finish()
        let client = try await context.services().clients.add(fields, allowDuplicate: allowDuplicate, as: context.caller)
        return ConsoleResponse(status: [("client", .int(client.id))], body: card(client))
    }

    static let show = ConsoleCommand(
        "client show", usage: "client show ID", summary: "a client's card and whole history", useCase: .showClient
    ) { context in
        let id = try clientID(context.arguments.required("a client ID"))
        try context.arguments.finish()
        let found = try await context.services().clients.card(id, as: context.caller)
        let history = found.history.map { event -> [ConsoleValue] in
            [.string(ConsoleValue.timestamp(event.at)), .string(event.actor), .string(event.kind), .string(event.summary)]
        }
        return ConsoleResponse(
            status: [("client", .int(id)), ("events", .int(history.count))],
            body: .card(fields(found.client), lists: [BodyList("history", columns: ["when", "who", "what", "detail"], rows: history)]))
    }

    static let edit = ConsoleCommand(
        "client edit",
        usage:
            "client edit ID [--name N] [--contact C] [--email E] [--segment S] [--tags a|b] [--importance 0-10] [--timezone TZ] [--external-id X] [--notes T] [--add-phone P]... [--remove-phone P]...",
        summary: "change a client's card (recorded in its history)", useCase: .editClient, changesState: true
    ) { context in
        let id = try clientID(context.arguments.required("a client ID"))
        var changes = ClientChanges()
        changes.name = try context.arguments.option("name")
        changes.contact = try context.arguments.option("contact")
        changes.email = try context.arguments.option("email")
        if let text = try context.arguments.option("segment") {
            guard let segment = ClientSegment(text: text) else { throw ConsoleError.invalid("segment \"\(text)\" is not one of individual, company, vip, foreign") }
            changes.segment = segment.rawValue
        }
        changes.tags = try context.arguments.option("tags").map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty } }
        changes.importance = try context.arguments.intOption("importance", in: 0...10)
        changes.timeZone = try context.arguments.option("timezone")
        changes.externalID = try context.arguments.option("external-id")
        changes.notes = try context.arguments.option("notes")
        let phones = try context.arguments.options("add-phone")
        let removing = try context.arguments.options("remove-phone")
        try context.arguments.finish()
        let edit = try await context.services().clients.edit(id, changes: changes, addPhones: phones, removePhones: removing, as: context.caller)
        let (client, changed) = (edit.client, edit.changed)
        return ConsoleResponse(status: [("client", .int(id)), ("changed", .string(changed.isEmpty ? "none" : changed.joined(separator: ",")))], body: card(client))
    }

    static let find = ConsoleCommand(
        "client find", usage: "client find TEXT [--segment S] [--tag T] [--limit N]",
        summary: "find clients by name, contact, phone, e-mail or external id", useCase: .findClient
    ) { context in
        let text = try context.arguments.required("TEXT to look for")
        let segmentText = try context.arguments.option("segment")
        let segment = try segmentText.map { text throws(ConsoleError) in
            guard let s = ClientSegment(text: text) else { throw ConsoleError.invalid("segment \"\(text)\" is not one of individual, company, vip, foreign") }
            return s
        }
        let tag = try context.arguments.option("tag")
        let limit = try context.arguments.intOption("limit", in: 1...1000) ?? 50
        try context.arguments.finish()
        let found = try await context.services().clients.find(text, segment: segment, tag: tag, limit: limit, as: context.caller)
        return ConsoleResponse(
            status: [("clients", .int(found.count))],
            body: .table(
                columns: ["id", "name", "phone", "segment", "tags", "contact"],
                rows: found.map {
                    [
                        .int($0.id), .string($0.name), .string($0.phones.first?.e164 ?? "-"), .string($0.segment), .string($0.tags.joined(separator: "|")),
                        $0.contact.map { .string($0) } ?? .null,
                    ]
                })
        )
    }

    static func card(_ c: ClientRecord) -> ResponseBody { .record(fields(c)) }

    static func fields(_ c: ClientRecord) -> [(String, ConsoleValue)] {
        var fields: [(String, ConsoleValue)] = [("id", .int(c.id)), ("name", .string(c.name))]
        fields.append(("contact", c.contact.map { .string($0) } ?? .null))
        for (i, phone) in c.phones.enumerated() {
            let ext = phone.extensionDigits.map { " ext. \($0)" } ?? ""
            fields.append((i == 0 ? "phone" : "phone\(i + 1)", .string("\(phone.e164)\(ext) (\(phone.raw))")))
        }
        fields += [
            ("email", c.email.map { .string($0) } ?? .null), ("segment", .string(c.segment)),
            ("tags", .string(c.tags.joined(separator: "|"))), ("importance", .int(c.importance)),
            ("timezone", c.timeZone.map { .string($0) } ?? .null), ("external_id", c.externalID.map { .string($0) } ?? .null),
            ("import", c.importID.map { .int($0) } ?? .null), ("notes", c.notes.map { .string($0) } ?? .null),
        ]
        return fields
    }

    static func clientID(_ text: String) throws(ConsoleError) -> Int {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let id = Int(digits), id > 0 else { throw ConsoleError.syntax("\"\(text)\" is not a client ID (a number, as client find shows)") }
        return id
    }
}
