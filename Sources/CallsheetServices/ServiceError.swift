import CallsheetStore

/// A use case's failure, with the category the console turns into an error code and a
/// message for people; `details` carries per-row problems (CSV imports).
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound, conflict, invalid, unavailable, permission, limit, timeout
    }

    public var code: Code
    public var message: String
    public var details: [String]

    public init(_ code: Code, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { message }

    /// Translates store and driver errors at the service boundary.
    public static func from(_ error: any Error) -> any Error {
        if error is ServiceError { return error }
        if let store = error as? StoreError {
            switch store.code {
            case .unavailable: return ServiceError(.unavailable, store.message)
            case .conflict: return ServiceError(.conflict, store.message)
            case .invalid: return ServiceError(.invalid, store.message)
            case .notFound: return ServiceError(.notFound, store.message)
            case .timeout: return ServiceError(.timeout, store.message)
            case .schemaTooNew, .migrationFailed, .invalidConfiguration: return error
            }
        }
        if PostgresErrorText.isConnectionFailure(error) {
            return ServiceError(.unavailable, "the database is not reachable (\(PostgresErrorText.describe(error))); retry in a moment")
        }
        return error
    }
}

extension Database {
    /// Runs one use case in one transaction, translating store and driver errors into
    /// ``ServiceError``s (a use case's own `ServiceError`s pass through unchanged).
    func useCase<R: Sendable>(pool: Pool = .general, _ body: (StoreTransaction) async throws -> R) async throws -> R {
        do {
            return try await transaction(pool: pool, body)
        } catch {
            throw ServiceError.from(error)
        }
    }

    /// Like ``useCase(_:)`` but without a transaction: for use cases that only read (see
    /// `Database.autocommit`: an autocommit write can be answered before it is committed).
    func useStatements<R: Sendable>(pool: Pool = .general, _ body: (StoreTransaction) async throws -> R) async throws -> R {
        do {
            return try await autocommit(pool: pool, body)
        } catch {
            throw ServiceError.from(error)
        }
    }
}
