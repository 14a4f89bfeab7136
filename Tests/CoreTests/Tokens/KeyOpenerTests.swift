import CoreTokens
import Foundation
import TestSupport
import Testing

extension TokenFixtureTests {
    /// Designating a key on the token, PIN retries, and PKCS#12 passphrases.
    @Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
    struct KeyOpenerTests {
        let token: TestEnvironment.Token
        let library: P11Library

        init() throws {
            token = try TestEnvironment.token.fixture("SoftHSM token")
            library = try P11Library.registered()
        }

        private func pins(_ pin: String) -> EnvironmentPINSource {
            EnvironmentPINSource(variable: "SCEAU_PIN", environment: ["SCEAU_PIN": pin])
        }

        @Test func opensTheDesignatedKeyWithItsChain() async throws {
            let byID = try await KeyOpener.token(
                token.label, key: "01", library: library, pins: pins(token.pin), purpose: "test")
            #expect(byID.certificate.subject.description.contains("Marie Dupont"))
            #expect(byID.chain.count == 2)
            let byLabel = try await KeyOpener.token(
                token.label, key: "signer-plain", library: library, pins: pins(token.pin), purpose: "test")
            #expect(byLabel.keyType == .ec(curve: "P-256"))
        }

        @Test func severalSigningKeysMustBeDesignated() async throws {
            await #expect(throws: KeyStoreError.self) {
                try await KeyOpener.token(token.label, key: nil, library: library, pins: pins(token.pin), purpose: "t")
            }
        }

        /// On the token no other suite logs in to: a login elsewhere in the process would make any PIN pass.
        @Test func aWrongPINFromTheEnvironmentIsReportedNotRetried() async throws {
            let alone = try TestEnvironment.loginToken.fixture("SoftHSM login-state token")
            do {
                _ = try await KeyOpener.token(
                    alone.label, key: "01", library: library, pins: pins("0000"), purpose: "test")
                Issue.record("a wrong PIN opened the key")
            } catch let error as P11Error {
                guard case .pinIncorrect = error else {
                    Issue.record("expected pinIncorrect, got \(error)")
                    return
                }
            }
        }

        @Test func aPKCS12PassphraseIsAskedAgainWhenWrong() async throws {
            let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
            let path = pki.appendingPathComponent("signer-qualified.p12").path
            let answers = ScriptedPINs(["wrong", "test1234"])
            let key = try await KeyOpener.pkcs12(path, passphrases: answers, purpose: "test")
            #expect(key.certificate.subject.description.contains("Marie Dupont"))
            #expect(await answers.requests.last?.previousError?.contains("passphrase") == true)
        }
    }
}

/// Answers PIN requests from a list, recording what was asked.
actor ScriptedPINs: PINSource {
    private var answers: [String]
    private(set) var requests: [PINRequest] = []

    init(_ answers: [String]) { self.answers = answers }

    func pin(for request: PINRequest) async throws -> String? {
        requests.append(request)
        guard !answers.isEmpty else { throw PINError.cancelled }
        return answers.removeFirst()
    }
}
