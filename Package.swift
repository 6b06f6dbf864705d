// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Exhibit",
    products: [
        .executable(name: "exhibit", targets: ["exhibit"]),
        .library(name: "ExhibitCore", targets: ["ExhibitCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The results store (SQLite; links the system libsqlite3 on Linux).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The team review server (`exhibit serve`): HTTP and PostgreSQL.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Pure core: case loading, text model, matching, figures. No terminal code.
        .target(
            name: "ExhibitCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "CSV", package: "CSV.swift"),
                "SafeTOML",
                "CPrefetch",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding the store's rows without boxing each value.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Guards the bundled TOML parser against inputs that abort it (see TOMLHeaderGuard).
        .target(name: "SafeTOML"),
        // Cache prefetch hints for the k-gram index's random lookups (Match/WorkIndex).
        .target(name: "CPrefetch"),
        .executableTarget(
            name: "exhibit",
            dependencies: [
                "ExhibitCore",
                "ExhibitApp",
                "ExhibitUI",
                "ExhibitTerminal",
                "ExhibitServer",
                "ExhibitClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The team review server (SPEC §11): the W3C Web Annotation Protocol over
        // PostgreSQL, identities and roles, the hash-chained event log. Kept out of the
        // core so that ExhibitCore stays free of networking and database drivers.
        .target(
            name: "ExhibitServer",
            dependencies: [
                "ExhibitCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The client side of team review: HTTP calls to `exhibit serve`, the server
        // annotation store, push and pull (Foundation's URLSession only).
        .target(
            name: "ExhibitClient",
            dependencies: ["ExhibitCore"]
        ),
        .testTarget(
            name: "ExhibitServerTests",
            dependencies: ["ExhibitServer", "ExhibitClient", "ExhibitCore"]
        ),
        // Tokenizer micro benchmark (swift run -c release exhibit-tokbench CASE...);
        // a tool, not a product: it lives under Benchmarks/.
        .executableTarget(
            name: "exhibit-tokbench",
            dependencies: ["ExhibitCore"],
            path: "Benchmarks/exhibit-tokbench"
        ),
        // What a key costs the review screen on a large case (update + render, per key);
        // `swift build -c release --product exhibit-screenbench`. A tool, not a product.
        .executableTarget(
            name: "exhibit-screenbench",
            dependencies: ["ExhibitApp", "ExhibitCore", "ExhibitUI"],
            path: "Benchmarks/exhibit-screenbench"
        ),
        .testTarget(
            name: "ExhibitCoreTests",
            dependencies: ["ExhibitCore"],
            // Expected export files, read by path (see Support/Golden.swift), not bundled.
            exclude: ["Golden"]
        ),

        // Terminal UI foundations. ExhibitUI is pure (cells, widths, wrap,
        // themes, keymap); only ExhibitTerminal talks to ncurses.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CTermGuard", path: "Sources/CTermGuard"),
        .target(
            name: "ExhibitUI",
            // ExhibitCore for the one rule that makes case text visible (VisibleText);
            // SafeTOML guards theme files before TOMLKit parses them.
            dependencies: ["ExhibitCore", .product(name: "TOMLKit", package: "TOMLKit"), "SafeTOML"]
        ),
        .target(
            name: "ExhibitTerminal",
            dependencies: ["ExhibitUI", "ExhibitCore", "CNcursesw", "CTermGuard"]
        ),
        // Demo of the terminal layer without the core (e2e: Tests/e2e/tui-demo.sh).
        // An example, not a product: it lives under Examples/.
        .executableTarget(
            name: "exhibit-tui-demo",
            dependencies: ["ExhibitUI", "ExhibitTerminal"],
            path: "Examples/exhibit-tui-demo"
        ),
        .testTarget(
            name: "ExhibitUITests",
            // CNcursesw only for libc wcwidth in the width-table test.
            dependencies: ["ExhibitUI", "CNcursesw"]
        ),
        .testTarget(
            name: "ExhibitTerminalTests",
            dependencies: ["ExhibitTerminal", "ExhibitUI", "CNcursesw"]
        ),

        // The review screen: state, update and render over the core's results.
        // Pure (no curses); `exhibit open` wires it to the terminal.
        .target(
            name: "ExhibitApp",
            dependencies: ["ExhibitCore", "ExhibitUI"]
        ),
        .testTarget(
            name: "ExhibitAppTests",
            dependencies: ["ExhibitApp", "ExhibitCore", "ExhibitUI"],
            // Expected screens, read by path (see AppFixture.swift), not bundled.
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
