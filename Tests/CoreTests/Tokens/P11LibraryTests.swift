import CP11Kit
import CoreTokens
import TestSupport
import Testing
import X509

/// The suites that use the token and card fixtures run one after the other: removing the virtual card
/// while a module probes it would make either test see the other's state.
@Suite(.serialized) enum TokenFixtureTests {}

/// PKCS#11 through p11-kit against the SoftHSM token of the test run.
extension TokenFixtureTests {
    @Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
    struct P11LibraryTests {
        let token: TestEnvironment.Token
        let library: P11Library

        init() throws {
            token = try TestEnvironment.token.fixture("SoftHSM token")
            library = try P11Library.registered()
        }

        @Test func registeredModulesIncludeSoftHSM() throws {
            #expect(library.modules.contains { $0.name.contains("softhsm") })
        }

        @Test func findsTheTestTokenByLabel() throws {
            let info = try library.slot(tokenLabel: token.label).token()
            #expect(info.label == token.label)
            #expect(info.manufacturer == "SoftHSM project")
            #expect(info.loginRequired)
            #expect(!info.protectedAuthenticationPath)
        }

        @Test func unknownLabelSaysWhatToDo() throws {
            #expect(throws: P11Error.tokenNotFound(label: "no-such-token")) {
                try library.slot(tokenLabel: "no-such-token")
            }
            #expect(P11Error.tokenNotFound(label: "x").description.contains("Insert the card"))
        }

        /// On the token no other suite logs in to, so that the token itself judges the PIN.
        @Test func wrongPINIsReportedAsSuch() throws {
            let alone = try TestEnvironment.loginToken.fixture("SoftHSM login-state token")
            let session = try library.slot(tokenLabel: alone.label).openSession()
            let error = #expect(throws: P11Error.self) { try session.login(pin: alone.pin + "0") }
            guard case .pinIncorrect = error else {
                Issue.record("expected pinIncorrect, got \(String(describing: error))")
                return
            }
            try session.login(pin: alone.pin)
        }

        /// While one session holds the login (a decryption job), the token accepts any PIN on another
        /// session (`CKR_USER_ALREADY_LOGGED_IN`): the next operation's PIN must still be checked.
        @Test func aSecondLoginWhileLoggedInStillChecksThePIN() throws {
            let alone = try TestEnvironment.loginToken.fixture("SoftHSM login-state token")
            let slot = try library.slot(tokenLabel: alone.label)
            let holder = try slot.openSession()
            try holder.login(pin: alone.pin)
            let second = try slot.openSession()
            let error = #expect(throws: P11Error.self) { try second.login(pin: alone.pin + "0") }
            guard case .pinIncorrect = error else {
                Issue.record("a wrong PIN joined the open login: \(String(describing: error))")
                return
            }
            try second.login(pin: alone.pin)
            let privateKeys = [P11Attribute.objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY))]
            #expect(try !second.findObjects(privateKeys).isEmpty)
        }

        @Test func listsTheCertificatesWithTheirKeyIdentifiers() throws {
            let session = try library.slot(tokenLabel: token.label).openSession()
            let certificates = try session.certificates()
            // Other suites add their own certificates meanwhile, possibly under one label: keep the first.
            let byLabel = Dictionary(certificates.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(byLabel["signer-qualified"]?.id == [0x01])
            #expect(byLabel["enc-rsa"]?.id == [0x03])
            let signer = try Certificate(derEncoded: try #require(byLabel["signer-qualified"]).der)
            #expect(signer.subject.description.contains("CN=Marie Dupont"))
        }

        /// On the token no other suite logs in to, for the same reason.
        @Test func privateKeysAreVisibleOnlyAfterLogin() throws {
            let alone = try TestEnvironment.loginToken.fixture("SoftHSM login-state token")
            let session = try library.slot(tokenLabel: alone.label).openSession()
            let privateKeys = [P11Attribute.objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY))]
            #expect(try session.findObjects(privateKeys).isEmpty)
            try session.login(pin: alone.pin)
            let signingKey = try session.findObjects(privateKeys + [.id([0x01])])
            #expect(signingKey.count == 1)
        }
    }
}
