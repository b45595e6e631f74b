public import CallsheetDomain
package import CallsheetStore

/// The client card (docs/domain.md#client-card): add, look up, edit; every change is appended to the
/// client's history.
public struct ClientService: Sendable {
    let database: Database
    public let settings: DirectorySettings

    package init(database: Database, settings: DirectorySettings) {
        self.database = database
        self.settings = settings
    }

    /// A client card with its history.
    public struct Card: Sendable {
        public var client: ClientRecord
        public var history: [ClientEventRecord]
    }

    /// Adds one client; refuses one that matches an existing client by external id or phone
    /// unless `allowDuplicate`.
    public func add(_ fields: ClientFields, allowDuplicate: Bool, as caller: Caller) async throws -> ClientRecord {
        try Authorization.check(caller, .addClient)
        let actor = caller.actingUser
        let draft: ClientDraft
        switch ClientDraft.validate(fields, defaultCountry: settings.defaultCountry) {
        case .success(let valid): draft = valid
        case .failure(let problems): throw ServiceError(.invalid, problems.summary)
        }
        return try await database.useCase { tx in
            try await tx.lock(.clientImport)
            let matches = try await tx.clientsMatching(externalID: draft.externalID, phones: draft.phones.map(\.number.e164))
            if let external = matches.first(where: { $0.reason.hasPrefix("external id") }) {
                throw ServiceError(.conflict, "client #\(external.id) already has \(external.reason)")
            }
            if let match = matches.first, !allowDuplicate {
                throw ServiceError(.conflict, "client #\(match.id) already has \(match.reason); use --allow-duplicate to add anyway")
            }
            let id = try await tx.insertClient(draft, actor: actor)
            return try await tx.clients(ids: [id])[0]
        }
    }

    public func card(_ id: Int, as caller: Caller) async throws -> Card {
        try Authorization.check(caller, .showClient)
        return try await database.useCase { tx in
            guard let client = try await tx.clients(ids: [id]).first else { throw ServiceError(.notFound, "no client #\(id)") }
            return Card(client: client, history: try await tx.clientEvents(id))
        }
    }

    public func find(_ text: String, segment: ClientSegment?, tag: String?, limit: Int, as caller: Caller) async throws -> [ClientRecord] {
        try Authorization.check(caller, .findClient)
        let phone = try? PhoneNumber.parse(text, defaultCountry: settings.defaultCountry).e164
        return try await database.useCase { tx in
            let ids = try await tx.findClients(text: text, phone: phone, segment: segment?.rawValue, tag: tag?.lowercased(), limit: limit)
            let found = try await tx.clients(ids: ids)
            return ids.compactMap { id in found.first { $0.id == id } }
        }
    }

    /// Applies `changes`, new phones and removed phones (added first, so a number can be
    /// replaced in one edit); returns the card and the names of changed fields. Removing a
    /// number the card does not have, or the last one, is refused and changes nothing.
    public func edit(
        _ id: Int, changes: ClientChanges, addPhones: [String], removePhones: [String] = [], as caller: Caller
    ) async throws -> ClientEdit {
        try Authorization.check(caller, .editClient)
        let actor = caller.actingUser
        var phones: [ClientDraft.Phone] = []
        for raw in addPhones { phones.append(.init(number: try parsePhone(raw), raw: raw)) }
        let removing = try removePhones.map { try parsePhone($0).e164 }
        if let zone = changes.timeZone, let problem = DirectoryRules.validTimeZone(zone) { throw ServiceError(.invalid, problem) }
        do {
            return try await editInTransaction(id, changes: changes, phones: phones, removing: removing, by: actor)
        } catch let error as ServiceError where error.code == .conflict {
            throw ServiceError(.conflict, "another client already has external id \(changes.externalID ?? "?")")
        }
    }

    private func parsePhone(_ raw: String) throws -> PhoneNumber {
        do throws(PhoneNumber.Problem) {
            return try PhoneNumber.parse(raw, defaultCountry: settings.defaultCountry)
        } catch {
            throw ServiceError(.invalid, error.description)
        }
    }

    private func editInTransaction(
        _ id: Int, changes: ClientChanges, phones: [ClientDraft.Phone], removing: [String], by actor: ActingUser
    ) async throws -> ClientEdit {
        return try await database.useCase { tx in
            guard let fieldChanges = try await tx.updateClient(id, changes) else { throw ServiceError(.notFound, "no client #\(id)") }
            var changed = fieldChanges.fields
            let before = try await tx.clients(ids: [id])[0].phones.count
            try await tx.addPhones(phones, to: id)
            if !removing.isEmpty {
                let (removed, left) = try await tx.removePhones(removing, from: id)
                if let missing = removing.first(where: { !removed.contains($0) }) {
                    throw ServiceError(.invalid, "client #\(id) has no phone \(missing) to remove; nothing was changed")
                }
                if left == 0 {
                    throw ServiceError(.invalid, "client #\(id) would have no phone left; add the new number (--add-phone) in the same edit; nothing was changed")
                }
            }
            let client = try await tx.clients(ids: [id])[0]
            var phoneChange: String?
            if client.phones.count != before || !removing.isEmpty {
                changed.append("phones")
                phoneChange = "phones: " + (phones.map { "added " + $0.number.e164 } + removing.map { "removed " + $0 }).joined(separator: ", ")
            }
            if !changed.isEmpty {
                try await tx.appendClientEdit(id, actor: actor, changes: fieldChanges, phones: phoneChange)
            }
            return ClientEdit(client: client, changed: changed)
        }
    }
}
