// swift-tools-version:6.2
import PackageDescription

/// What every platform library builds on.
let platformLibraries: [Target.Dependency] = [
    "CoreModel", "CoreCMS", "CoreSeal", "CoreTokens", "CorePlatformAPI", "CoreDesign",
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
    .product(name: "SwiftASN1", package: "swift-asn1"),
    .product(name: "X509", package: "swift-certificates"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "SQLiteKit", package: "sqlite-kit"),
    .product(name: "PostgresKit", package: "postgres-kit"),
    .product(name: "Mustache", package: "swift-mustache"),
    .product(name: "Metrics", package: "swift-metrics"),
]

/// What the two programs add to report their metrics and write their logs (docs/operations.md).
let observabilityLibraries: [Target.Dependency] = [
    "CoreLogging",
    .product(name: "Metrics", package: "swift-metrics"),
    .product(name: "Prometheus", package: "swift-prometheus"),
]

/// What the platform's tests and their support library use.
let platformTestLibraries: [Target.Dependency] = [
    "PlatformKernel", "Procurement", "Requests", "PlatformApp", "TestSupport",
    "CoreCMS", "CoreSeal", "CorePlatformAPI", "CoreLogging", "CoreSignatures", "CoreTokens",
    .product(name: "HummingbirdTesting", package: "hummingbird"),
    .product(name: "X509", package: "swift-certificates"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "Metrics", package: "swift-metrics"),
    .product(name: "Prometheus", package: "swift-prometheus"),
]

let package = Package(
    name: "sceau",
    platforms: [.macOS(.v15)],
    products: [
        .library(
            name: "Core",
            targets: [
                "CoreModel", "CoreProtocol", "CoreTokens", "CoreCMS", "CorePDF", "CoreXML", "CoreSignatures",
                "CoreSeal", "CorePlatformAPI", "CoreDesign", "CoreLogging",
            ]),
        .executable(name: "sceau-assistant", targets: ["Assistant"]),
        .executable(name: "sceau-platform", targets: ["Platform"]),
        .executable(name: "sceau-bench-echo", targets: ["BenchEchoServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // System libraries: a module map and a shim header each.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CP11Kit", pkgConfig: "p11-kit-1", providers: [.apt(["libp11-kit-dev"])]),
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Core: what both programs share, one target per area under Sources/Core; knows neither program.
        .target(name: "CoreModel", path: "Sources/Core/Model"),
        // The assistant's wire protocol (JSON-RPC 2.0 over WebSocket), shared with the platform's pages.
        .target(name: "CoreProtocol", path: "Sources/Core/Protocol"),
        // The platform's JSON API as both programs read it: deposits, receipts.
        .target(
            name: "CorePlatformAPI", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Core/PlatformAPI"),
        .target(
            name: "CoreTokens",
            dependencies: [
                "CoreModel", "COpenSSL", "CP11Kit", "CPCSCLite",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Sources/Core/Tokens"
        ),
        .target(
            name: "CoreCMS",
            dependencies: [
                "CoreModel", "CoreTokens", "COpenSSL",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Core/CMS"
        ),
        .target(name: "CorePDF", dependencies: ["CZlib"], path: "Sources/Core/PDF"),
        // The log lines both programs write with `--log-format json`: a swift-log handler, one JSON object a line.
        .target(
            name: "CoreLogging", dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Sources/Core/Logging"),
        // ZIP archives written streamed (ZIP64 when needed) and read without trusting them (ASiC-E).
        .target(name: "CoreZIP", dependencies: ["CZlib"], path: "Sources/Core/ZIP"),
        // The look both programs' pages share: one stylesheet, served by each at /static/sceau.css.
        .target(name: "CoreDesign", path: "Sources/Core/Design"),
        // Sealed plis: CMS EnvelopedData / AuthEnvelopedData, streamed both ways.
        .target(
            name: "CoreSeal",
            dependencies: [
                "CoreModel", "CoreTokens", "COpenSSL",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Core/Seal"
        ),
        // The three signature formats assembled from CMS, PDF and XML, and their verification reports.
        .target(
            name: "CoreSignatures",
            dependencies: [
                "CoreTokens", "CoreCMS", "CorePDF", "CoreXML", "CoreZIP",
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Sources/Core/Signatures"
        ),
        .target(
            name: "CoreXML",
            dependencies: [
                "CoreTokens", "CoreCMS", "CLibXML2",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Sources/Core/XML"
        ),
        // The workstation daemon and its command line: `sceau-assistant`.
        .executableTarget(
            name: "Assistant",
            dependencies: [
                "CoreModel", "CoreProtocol", "CoreTokens", "CoreCMS", "CoreSeal", "CoreSignatures", "CorePlatformAPI",
                "CoreDesign",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + observabilityLibraries
        ),
        // The reference server of bench/websocket.sh: a bare Hummingbird WebSocket echo.
        .executableTarget(
            name: "BenchEchoServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "bench/EchoServer"
        ),
        // The platform, `sceau-platform`, in five targets under Sources/Platform (docs/architecture.md): a kernel,
        // two feature libraries that do not import each other, the app that assembles them, and the commands.
        .target(
            name: "PlatformKernel", dependencies: platformLibraries, path: "Sources/Platform/Kernel",
            // Pages are Mustache templates (escaped unless a template says otherwise), and their scripts.
            resources: [.copy("Templates"), .copy("Static")]),
        .target(
            name: "Procurement", dependencies: ["PlatformKernel", "CoreSignatures"] + platformLibraries,
            path: "Sources/Platform/Procurement", resources: [.copy("Templates"), .copy("Static")]),
        .target(
            name: "Requests", dependencies: ["PlatformKernel"] + platformLibraries,
            path: "Sources/Platform/Requests", resources: [.copy("Templates"), .copy("Static")]),
        .target(
            name: "PlatformApp",
            dependencies: ["PlatformKernel", "Procurement", "Requests"] + platformLibraries + observabilityLibraries,
            path: "Sources/Platform/App", resources: [.copy("Templates")]),
        .executableTarget(
            name: "Platform",
            dependencies: [
                "PlatformApp", "PlatformKernel", "Procurement", "Requests",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + platformLibraries + observabilityLibraries,
            path: "Sources/Platform/Commands"),

        // What the test targets share: the fixtures that scripts/fixtures/up.sh started.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ], path: "Tests/TestSupport"),
        .testTarget(
            name: "CoreTests",
            dependencies: [
                "CoreModel", "CoreTokens", "CoreCMS", "CorePDF", "CoreXML", "CoreSignatures", "CoreSeal", "CoreZIP",
                "CoreLogging", "TestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "AssistantTests",
            dependencies: [
                "Assistant", "TestSupport", "CoreProtocol", "CorePlatformAPI", "CoreSeal",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ] + observabilityLibraries
        ),
        // The platform's tests, split as its targets are, over one support library (the in-process harness,
        // the storage backends, the back office's cast).
        .target(
            name: "PlatformTestSupport",
            dependencies: platformTestLibraries,
            path: "Tests/PlatformTestSupport"),
        .testTarget(
            name: "PlatformKernelTests", dependencies: ["PlatformTestSupport", "Platform"] + platformTestLibraries),
        .testTarget(name: "ProcurementTests", dependencies: ["PlatformTestSupport"] + platformTestLibraries),
        // Two suites drive the commands themselves (`serve`'s options).
        .testTarget(name: "RequestsTests", dependencies: ["PlatformTestSupport", "Platform"] + platformTestLibraries),
        .testTarget(
            name: "PlatformAppTests", dependencies: ["PlatformTestSupport", "Platform"] + platformTestLibraries),
    ]
)

// Fuzz targets (Fuzz/Targets/*), declared only when scripts/fuzz.sh builds them (SCEAU_FUZZ=1, into .build-fuzz with
// libFuzzer and AddressSanitizer): `swift build` and `swift test` of the package never see them. See docs/fuzzing.md.
if Context.environment["SCEAU_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzPDF", ["CorePDF"]),
        ("FuzzSignedData", ["CoreCMS", "CoreTokens"]),
        ("FuzzTimestampToken", ["CoreCMS", "CoreTokens"]),
        (
            "FuzzEnvelopedData",
            [
                "CoreSeal", "CoreTokens", .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        ("FuzzXAdES", ["CoreXML"]),
        ("FuzzJSONRPC", ["CoreProtocol"]),
        ("FuzzAssuan", ["CoreTokens"]),
        ("FuzzUploadHeaders", ["PlatformKernel", "Procurement", "CoreModel", "CorePlatformAPI"]),
        (
            "FuzzForms",
            ["PlatformKernel", "Procurement", "Requests", .product(name: "Hummingbird", package: "hummingbird")]
        ),
    ]
    package.targets += [
        .target(name: "CLibFuzzer", path: "Fuzz/Driver/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Fuzz/Driver/FuzzDriver"),
    ]
    package.targets += fuzzTargets.map { target in
        .executableTarget(
            name: target.name, dependencies: target.dependencies + ["FuzzDriver"], path: "Fuzz/Targets/\(target.name)")
    }
}
