/// Which CSV column holds which client field, from the header row people already have.
///
/// Spreadsheets name columns in many ways (`Organisation`, `Company`, `Tel`, `E-mail`);
/// the aliases below (and their Polish, Russian, Lithuanian and Romanian forms in
/// `ClientCSVHeader+Translations.swift`) cover the usual ones, `--map HEADER=FIELD` covers the rest, and an
/// unrecognised column is an error (unless ignored) so that no data is silently dropped.
public struct ClientCSVHeader: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case name, contact, phone, phone2, email, segment, tags, timezone, importance, externalID = "external_id", notes, status
    }

    /// Column index → field.
    public let columns: [Int: Field]
    public let ignored: [String]

    static let aliases: [String: Field] = englishAliases.merging(translatedAliases) { english, _ in english }

    static let englishAliases: [String: Field] = [
        "name": .name, "organisation": .name, "organization": .name, "company": .name, "organisation name": .name,
        "contact": .contact, "contact_person": .contact, "contact person": .contact, "person": .contact,
        "phone": .phone, "telephone": .phone, "tel": .phone, "phone_number": .phone, "phone number": .phone,
        "phone2": .phone2, "phone 2": .phone2, "telephone2": .phone2, "tel2": .phone2,
        "email": .email, "e-mail": .email, "mail": .email,
        "segment": .segment, "tags": .tags, "timezone": .timezone, "time_zone": .timezone, "time zone": .timezone,
        "importance": .importance, "external_id": .externalID, "id": .externalID, "external id": .externalID, "notes": .notes,
        "status": .status, "current status": .status,
    ]

    /// The field a column header names by itself (an alias, in any of the known languages).
    public static func field(named header: String) -> Field? { aliases[normalise(header)] }

    /// Maps `header`; `explicit` is `--map` (header → field name, case-insensitive).
    public static func map(_ header: [String], explicit: [String: String], ignoreUnknown: Bool) -> Result<ClientCSVHeader, ClientProblems> {
        var explicitFields: [String: Field] = [:]
        var problems: [String] = []
        for (column, fieldName) in explicit {
            guard let field = Field(rawValue: fieldName.lowercased()) ?? (fieldName.lowercased() == "ignore" ? nil : aliases[fieldName.lowercased()]) else {
                if fieldName.lowercased() != "ignore" {
                    problems.append("--map \(column)=\(fieldName): no field \"\(fieldName)\" (fields: \(Field.allCases.map(\.rawValue).joined(separator: ", ")), ignore)")
                }
                continue
            }
            explicitFields[normalise(column)] = field
        }
        let explicitlyIgnored = Set(explicit.filter { $0.value.lowercased() == "ignore" }.keys.map(normalise))
        var columns: [Int: Field] = [:]
        var ignored: [String] = []
        var seen: [Field: String] = [:]
        for (index, raw) in header.enumerated() {
            let key = normalise(raw)
            if key.isEmpty || explicitlyIgnored.contains(key) {
                ignored.append(raw)
                continue
            }
            guard let field = explicitFields[key] ?? aliases[key] else {
                if ignoreUnknown {
                    ignored.append(raw)
                } else {
                    problems.append("column \"\(raw)\" (column \(index + 1)) is not a client field; use --map \"\(raw)=FIELD\", --map \"\(raw)=ignore\" or --ignore-unknown")
                }
                continue
            }
            if let earlier = seen[field] {
                problems.append("columns \"\(earlier)\" and \"\(raw)\" both map to \(field.rawValue)")
                continue
            }
            seen[field] = raw
            columns[index] = field
        }
        if seen[.name] == nil { problems.append("no column for the client's name (name, organisation, organization or company)") }
        if seen[.phone] == nil { problems.append("no column for the phone (phone, telephone, tel or phone_number)") }
        return problems.isEmpty ? .success(ClientCSVHeader(columns: columns, ignored: ignored)) : .failure(ClientProblems(problems))
    }

    /// The fields of one row; `tags` are split on `|`.
    public func fields(of row: [String]) -> ClientFields {
        var f = ClientFields()
        for (index, field) in columns where index < row.count {
            let value = row[index]
            switch field {
            case .name: f.name = value
            case .contact: f.contact = value
            case .phone: f.phones.insert(value, at: 0)
            case .phone2: f.phones.append(value)
            case .email: f.email = value
            case .segment: f.segment = value
            case .tags: f.tags = value.split(separator: "|").map(String.init)
            case .timezone: f.timeZone = value
            case .importance: f.importance = value
            case .externalID: f.externalID = value
            case .notes: f.notes = value
            case .status: f.status = value
            }
        }
        return f
    }

    static func normalise(_ header: String) -> String {
        var s = Substring(header)
        if s.first == "\u{FEFF}" { s = s.dropFirst() }
        return s.trimmingSpaces().lowercased()
    }
}
