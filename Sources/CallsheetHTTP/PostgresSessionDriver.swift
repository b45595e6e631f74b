import CallsheetServices
import Foundation
import Hummingbird

/// Hummingbird's `PersistDriver` over the sessions table in PostgreSQL (none ships for
/// PostgresNIO): what HummingbirdAuth's `SessionMiddleware` stores sessions in. Values are
/// JSON; a ``WebSession``'s login is kept beside it so `account revoke` can end them all.
struct PostgresSessionDriver: PersistDriver {
    let store: WebSessionStore

    init(store: WebSessionStore) {
        self.store = store
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await store.create(key: key, login: Self.login(of: value), json: try Self.json(value), expiresAt: Self.date(expires)) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.set(key: key, login: Self.login(of: value), json: try Self.json(value), expiresAt: Self.date(expires))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let stored = try await store.get(key: key) else { return nil }
        guard let object = try? JSONDecoder.sessions.decode(type, from: Data(stored.json.utf8)) else { throw PersistError.invalidConversion }
        return (object, stored.expiresAt.map { .seconds(max(0, $0.timeIntervalSinceNow)) })
    }

    func remove(key: String) async throws {
        try await store.remove(key: key)
    }

    private static func login(of value: some Codable & Sendable) -> String? {
        (value as? WebSession)?.login
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sessions.encode(value), as: UTF8.self)
    }

    private static func date(_ duration: Duration?) -> Date? {
        duration.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
    }
}

extension JSONEncoder {
    static let sessions: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let sessions: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
