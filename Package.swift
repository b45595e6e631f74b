// swift-tools-version: 6.1
import PackageDescription

/// Upcoming language features every target compiles with (as hummingbird does): imports
/// are internal unless marked `public import`, so a module's public surface names only
/// what it re-exports on purpose; and existential types are spelled `any P`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Callsheet",
    // Linux only: the daemon runs PostgreSQL's own binaries as the `postgres` user and reads
    // peer credentials from Unix sockets (SO_PEERCRED). No Apple platform is supported, so
    // none is declared.
    products: [
        .executable(name: "callsheetd", targets: ["callsheetd"]),
        .executable(name: "callsheetctl", targets: ["callsheetctl"]),
        .executable(name: "callsheet-bench", targets: ["callsheet-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // No traits: the daemon reads its own YAML (not swift-configuration) and needs no
        // FullFoundation extras; fewer packages to build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // The week's workbook (.xlsx) is a ZIP of SpreadsheetML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The benchmark's HTTP client (callsheet-bench http-claim) only.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure rules: no I/O, no database, no sockets.
        .target(name: "CallsheetDomain", swiftSettings: swiftSettings),
        // Everything that speaks SQL: migrations, queries, bulk load, claim.
        .target(
            name: "CallsheetStore",
            dependencies: [
                "CallsheetDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Use cases: one use case, one transaction.
        .target(
            name: "CallsheetServices",
            dependencies: [
                "CallsheetDomain", "CallsheetStore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The console language: parse a line, run it, render the answer. No sockets.
        .target(
            name: "CallsheetConsole",
            dependencies: [
                "CallsheetDomain", "CallsheetServices",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP front-end: routes that call the same use cases as the console. No config, no
        // listener: the daemon builds the Application around its router.
        .target(
            name: "CallsheetHTTP",
            dependencies: [
                "CallsheetDomain", "CallsheetServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            // The API's contract, served at /api/v1/openapi.yaml (docs/openapi.yaml links
            // here), and the web pages' templates, language catalogs, stylesheet and script.
            resources: [.copy("Resources/openapi.yaml"), .copy("Templates"), .copy("Catalogs"), .copy("Assets")],
            swiftSettings: swiftSettings
        ),
        // The running daemon: config, embedded PostgreSQL, Unix-socket server, service group.
        .target(
            name: "CallsheetDaemon",
            dependencies: [
                "CallsheetConsole", "CallsheetDomain", "CallsheetHTTP", "CallsheetServices", "CallsheetStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The wire format spoken by callsheetctl (framing of responses, payload blocks).
        .target(
            name: "CallsheetClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "callsheetd",
            dependencies: [
                "CallsheetDaemon", "CallsheetDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "callsheetctl",
            dependencies: [
                "CallsheetClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "callsheet-bench",
            dependencies: [
                "CallsheetDaemon", "CallsheetClient", "CallsheetDomain", "CallsheetTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // A throwaway PostgreSQL cluster per test run, fresh database per test.
        .target(
            name: "CallsheetTestSupport",
            dependencies: [
                "CallsheetDaemon", "CallsheetConsole", "CallsheetDomain", "CallsheetServices", "CallsheetStore", "CallsheetClient",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CallsheetDomainTests", dependencies: ["CallsheetDomain"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CallsheetConsoleTests",
            dependencies: ["CallsheetConsole", "CallsheetClient", "CallsheetDomain", "CallsheetServices", "CallsheetTestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallsheetStoreTests",
            dependencies: [
                "CallsheetStore", "CallsheetDomain", "CallsheetTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallsheetServicesTests",
            dependencies: [
                "CallsheetServices", "CallsheetDaemon", "CallsheetConsole", "CallsheetClient", "CallsheetDomain", "CallsheetStore", "CallsheetTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallsheetDaemonTests",
            dependencies: [
                "CallsheetDaemon", "CallsheetClient", "CallsheetDomain", "CallsheetHTTP", "CallsheetServices", "CallsheetStore", "CallsheetTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
