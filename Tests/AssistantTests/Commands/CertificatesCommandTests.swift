import Foundation
import TestSupport
import Testing

/// `sceau-assistant certificates --json` as a script would call it, against the SoftHSM token and a PKCS#12.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
struct CertificatesCommandTests {
    struct Entry: Decodable {
        let holder: String
        let keyType: String
        let qualified: Bool
        let suitable: Bool
        let failures: [String]
    }

    @Test func listsTokenAndPKCS12CertificatesWithTheirVerdict() throws {
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
        let secret = ["SCEAU_PKCS12_PASSWORD": "test1234"]
        let output = try run(
            binary, environment: secret,
            [
                "certificates", "--json", "--pkcs12", pki.appendingPathComponent("signer-plain.p12").path,
            ])
        let entries = try JSONDecoder().decode([Entry].self, from: Data(output.utf8))
        let marie = try #require(entries.first { $0.holder == "Marie Dupont" })
        #expect(marie.qualified && marie.suitable && marie.keyType == "RSA 2048 bits")
        // Without --trust, a non-qualified certificate does not suit; the reason is named.
        let jean = entries.filter { $0.holder == "Jean Martin" }
        #expect(jean.count == 2)
        #expect(jean.allSatisfy { !$0.suitable && $0.failures.count == 1 })
        let encryption = try #require(entries.first { $0.holder == "Service Achats Chiffrement" })
        #expect(!encryption.suitable)
    }
}
