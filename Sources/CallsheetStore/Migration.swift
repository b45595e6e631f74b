import CallsheetDomain
import PostgresNIO

/// One versioned step of the schema: statements applied together, in one transaction,
/// exactly once per database.
///
/// Statements are separate strings because the extended query protocol that PostgresNIO
/// speaks runs one statement at a time. A migration is never edited once released: a
/// change is a new migration with the next version.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
