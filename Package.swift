// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Callsheet",
    platforms: [.macOS(.v15)],
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
    ],
    targets: [
        // Pure rules: no I/O, no database, no sockets.
        .target(name: "CallsheetDomain"),
        // Everything that speaks SQL: migrations, queries, bulk load, claim.
        .target(
            name: "CallsheetStore",
            dependencies: [
                "CallsheetDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Use cases: one use case, one transaction.
        .target(
            name: "CallsheetServices",
            dependencies: [
                "CallsheetDomain", "CallsheetStore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The console language: parse a line, run it, render the answer. No sockets.
        .target(
            name: "CallsheetConsole",
            dependencies: [
                "CallsheetDomain", "CallsheetServices",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The running daemon: config, embedded PostgreSQL, Unix-socket server, service group.
        .target(
            name: "CallsheetDaemon",
            dependencies: [
                "CallsheetConsole", "CallsheetServices", "CallsheetStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The wire format spoken by callsheetctl (framing of responses, payload blocks).
        .target(
            name: "CallsheetClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "callsheetd",
            dependencies: [
                "CallsheetDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "callsheetctl",
            dependencies: [
                "CallsheetClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "callsheet-bench",
            dependencies: [
                "CallsheetDaemon", "CallsheetClient", "CallsheetTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // A throwaway PostgreSQL cluster per test run, fresh database per test.
        .target(
            name: "CallsheetTestSupport",
            dependencies: [
                "CallsheetDaemon", "CallsheetStore", "CallsheetClient",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "CallsheetDomainTests", dependencies: ["CallsheetDomain"]),
        .testTarget(
            name: "CallsheetConsoleTests",
            dependencies: ["CallsheetConsole", "CallsheetClient", "CallsheetTestSupport"]
        ),
        .testTarget(
            name: "CallsheetStoreTests",
            dependencies: ["CallsheetStore", "CallsheetTestSupport"]
        ),
        .testTarget(
            name: "CallsheetServicesTests",
            dependencies: [
                "CallsheetServices", "CallsheetConsole", "CallsheetTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CallsheetDaemonTests",
            dependencies: ["CallsheetDaemon", "CallsheetClient", "CallsheetTestSupport"]
        ),
    ]
)
