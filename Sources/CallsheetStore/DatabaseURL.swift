import CallsheetDomain
import Foundation
public import PostgresNIO

/// Where an external PostgreSQL is, parsed from a `postgres://` URL.
///
/// PostgresNIO has no URL initializer, and operators copy URLs from managed-database
/// consoles, so this accepts the libpq spellings: `postgres://` or `postgresql://`,
/// percent-encoded user and password, `?sslmode=disable|prefer|require`, and a Unix
/// socket as `postgres://user@/db?host=/run/postgresql` (a directory, as libpq has it).
public struct DatabaseURL: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket *file*, `DIR/.s.PGSQL.PORT`.
        case unixSocket(path: String)
    }

    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(endpoint: Endpoint, username: String, password: String? = nil, database: String, tls: TLSMode = .disable) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses `text`; the error says which part is wrong.
    public init(parsing text: String) throws(StoreError) {
        guard let components = URLComponents(string: text) else {
            throw StoreError(.invalidConfiguration, "database URL is not a URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError(.invalidConfiguration, "database URL must start with postgres:// or postgresql://")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let unknown = Set(query.keys).subtracting(["host", "port", "sslmode", "user", "password", "dbname"])
        if let key = unknown.sorted().first {
            throw StoreError(.invalidConfiguration, "database URL has an unsupported parameter '\(key)' (supported: host, port, sslmode, user, password, dbname)")
        }
        let port: Int
        if let p = components.port {
            port = p
        } else if let p = query["port"] {
            guard let value = Int(p), (1...65535).contains(value) else {
                throw StoreError(.invalidConfiguration, "database URL port '\(p)' is not a port number")
            }
            port = value
        } else {
            port = 5432
        }
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        let hostParameter = query["host"] ?? ""
        if hostParameter.hasPrefix("/") {
            endpoint = .unixSocket(path: (hostParameter as NSString).appendingPathComponent(".s.PGSQL.\(port)"))
        } else if !host.isEmpty || !hostParameter.isEmpty {
            endpoint = .tcp(host: host.isEmpty ? hostParameter : host, port: port)
        } else {
            throw StoreError(.invalidConfiguration, "database URL names no host: use postgres://USER@HOST/DB or postgres://USER@/DB?host=/socket/dir")
        }
        let user = components.percentEncodedUser?.removingPercentEncoding ?? query["user"]
        guard let user, !user.isEmpty else {
            throw StoreError(.invalidConfiguration, "database URL names no user: use postgres://USER@HOST/DATABASE")
        }
        username = user
        password = components.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        let path = components.percentEncodedPath.removingPercentEncoding ?? ""
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        database = name.isEmpty ? (query["dbname"] ?? user) : name
        if let mode = query["sslmode"] {
            switch mode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default:
                throw StoreError(.invalidConfiguration, "database URL sslmode '\(mode)' is not one of disable, prefer, require")
            }
        } else {
            tls = .prefer
        }
    }

    /// The URL without its password, for logs and `status`.
    public var redacted: String {
        switch endpoint {
        case .tcp(let host, let port): "postgres://\(username)@\(host):\(port)/\(database)"
        case .unixSocket(let path): "postgres://\(username)@/\(database)?host=\((path as NSString).deletingLastPathComponent)"
        }
    }

    /// The PostgresNIO configuration for this location.
    public func clientConfiguration() -> PostgresClient.Configuration {
        switch endpoint {
        case .unixSocket(let path):
            return PostgresClient.Configuration(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port):
            let tlsSetting: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tlsSetting)
        }
    }

    /// One connection outside the pools (maintenance, probes), with TLS as the URL asks.
    public func connectionConfiguration(connectTimeout: Duration = .seconds(10)) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port):
            let mode: PostgresConnection.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(try .init(configuration: .makeClientConfiguration()))
                case .require: .require(try .init(configuration: .makeClientConfiguration()))
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: mode)
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000)
        return configuration
    }
}
