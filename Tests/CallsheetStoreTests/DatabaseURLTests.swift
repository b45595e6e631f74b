import CallsheetStore
import Testing

@Suite struct DatabaseURLTests {
    @Test func tcpURLWithEverything() throws {
        let url = try DatabaseURL(parsing: "postgresql://cs:p%40ss@db.example:6543/callsheet?sslmode=require")
        #expect(url == DatabaseURL(endpoint: .tcp(host: "db.example", port: 6543), username: "cs", password: "p@ss", database: "callsheet", tls: .require))
        #expect(url.redacted == "postgres://cs@db.example:6543/callsheet")
    }

    @Test func defaultsPortDatabaseAndTLS() throws {
        let url = try DatabaseURL(parsing: "postgres://cs@localhost")
        #expect(url == DatabaseURL(endpoint: .tcp(host: "localhost", port: 5432), username: "cs", database: "cs", tls: .prefer))
    }

    @Test func unixSocketDirectoryAsLibpqHasIt() throws {
        let url = try DatabaseURL(parsing: "postgres://cs@/callsheet?host=/var/run/postgresql&port=5433")
        #expect(url.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5433"))
        #expect(url.database == "callsheet")
    }

    @Test(arguments: [
        ("mysql://a@b/c", "database URL must start with postgres:// or postgresql://"),
        ("postgres:///db", "database URL names no host: use postgres://USER@HOST/DB or postgres://USER@/DB?host=/socket/dir"),
        ("postgres://host/db", "database URL names no user: use postgres://USER@HOST/DATABASE"),
        ("postgres://a@h/d?sslmode=maybe", "database URL sslmode 'maybe' is not one of disable, prefer, require"),
        ("postgres://a@h/d?timeout=3", "database URL has an unsupported parameter 'timeout' (supported: host, port, sslmode, user, password, dbname)"),
    ])
    func badURLsSayWhatIsWrong(text: String, message: String) {
        #expect(throws: StoreError(.invalidConfiguration, message)) { try DatabaseURL(parsing: text) }
    }
}
