import Foundation

/// The fixtures started by `scripts/fixtures/up.sh` (a SoftHSM token, a test PKI, a TSA, an OCSP responder,
/// pcscd with a virtual card, PostgreSQL), as announced in the environment by `scripts/test.sh`.
///
/// A test that needs a fixture is enabled when the fixture is announced, or when
/// `SCEAU_TEST_REQUIRE_FIXTURES=1` (set by `make test` and CI): then a missing fixture fails the
/// test instead of skipping it.
public enum TestEnvironment {
    static let variables = ProcessInfo.processInfo.environment

    /// Fixtures must be present: set by the project's test command.
    public static let fixturesRequired = variables["SCEAU_TEST_REQUIRE_FIXTURES"] == "1"

    /// The SoftHSM test token.
    public struct Token: Sendable {
        public let label: String
        public let pin: String
    }

    public static var token: Token? {
        guard variables["SOFTHSM2_CONF"] != nil, let label = variables["SCEAU_TEST_TOKEN_LABEL"],
            let pin = variables["SCEAU_TEST_PIN"]
        else { return nil }
        return Token(label: label, pin: pin)
    }

    /// A second SoftHSM token (same PIN, holding `signer-qualified` only) for the tests of the login state.
    ///
    /// PKCS#11 shares one login per token among all the sessions of a process, and every suite runs in
    /// one process: "a wrong PIN is refused" or "private keys are hidden before login" hold only on a
    /// token that no other suite logs in to meanwhile.
    public static var loginToken: Token? {
        guard variables["SOFTHSM2_CONF"] != nil, let label = variables["SCEAU_TEST_LOGIN_TOKEN_LABEL"],
            let pin = variables["SCEAU_TEST_PIN"]
        else { return nil }
        return Token(label: label, pin: pin)
    }

    /// The directory of the test PKI (see `scripts/fixtures/pki.sh` for its files).
    public static var pkiDirectory: URL? {
        variables["SCEAU_TEST_PKI"].map { URL(fileURLWithPath: $0, isDirectory: true) }
    }

    /// The RFC 3161 time-stamping server.
    public static var timestampURL: String? { variables["SCEAU_TEST_TSA_URL"] }

    /// The OCSP responder (`openssl ocsp` over the test PKI's intermediate CA), the URL the PKI's end
    /// entities name in their Authority Information Access.
    public static var ocspURL: String? { variables["SCEAU_TEST_OCSP_URL"] }

    /// The PostgreSQL database reserved for tests.
    public static var postgresURL: String? { variables["SCEAU_TEST_POSTGRES_URL"] }

    /// The virtual reader holding the virtual card, and the run directory of `pcsc.sh`.
    public static var pcsc: (reader: String, runDirectory: String)? {
        guard let reader = variables["SCEAU_TEST_PCSC_READER"], let run = variables["SCEAU_TEST_PCSC_RUNDIR"]
        else { return nil }
        return (reader, run)
    }

    /// Whether tests needing `fixture` should run (present, or required and so failing loudly).
    public static func shouldRun(_ fixture: Any?) -> Bool { fixture != nil || fixturesRequired }

    /// The repository root, for calling the project's scripts.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}

/// A fixture the test needs was not announced although fixtures are required.
public struct MissingFixture: Error, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String {
        "The \(name) fixture is missing: run the tests with `make test`, which starts scripts/fixtures/up.sh."
    }
}

extension Optional {
    /// The fixture, or a ``MissingFixture`` error naming it.
    public func fixture(_ name: String) throws -> Wrapped {
        guard let self else { throw MissingFixture(name) }
        return self
    }
}
