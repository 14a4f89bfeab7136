import Foundation
import TestSupport
import Testing

/// `sceau-assistant keys generate|export` as a script calls them, checked with openssl.
struct KeysCommandTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path

    @Test func generatesASoftwareBiKeyAndExportsItsCertificate() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-keys-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let secret = ["SCEAU_PKCS12_PASSWORD": "motdepasse-de-test"]
        let p12 = work.appendingPathComponent("bi-cle.p12").path
        let pem = work.appendingPathComponent("bi-cle.pem").path
        try run(
            binary, environment: secret,
            [
                "keys", "generate", "--name", "Direction des achats", "--pkcs12", p12, "--days", "90", "--cert-out",
                pem,
            ])
        let text = try run(
            "/usr/bin/openssl", ["x509", "-in", pem, "-noout", "-subject", "-enddate", "-ext", "keyUsage"])
        #expect(text.contains("CN = Direction des achats"))
        #expect(text.contains("Key Encipherment"))
        let der = work.appendingPathComponent("export.der").path
        try run(binary, environment: secret, ["keys", "export", "--pkcs12", p12, "--cert-out", der, "--der"])
        let fromDER = try run("/usr/bin/openssl", ["x509", "-inform", "DER", "-in", der, "-noout", "-subject"])
        #expect(fromDER.contains("CN = Direction des achats"))
        // Nothing is overwritten: a second generation into the same file fails and keeps the first.
        #expect(throws: CommandFailed.self) {
            try run(binary, environment: secret, ["keys", "generate", "--name", "Autre", "--pkcs12", p12])
        }
        #expect(
            try run(
                "/usr/bin/openssl",
                [
                    "pkcs12", "-in", p12, "-passin", "pass:motdepasse-de-test", "-nokeys",
                ]
            ).contains("Direction des achats"))
    }
}
