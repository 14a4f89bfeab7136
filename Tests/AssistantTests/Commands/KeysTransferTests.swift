import Foundation
import TestSupport
import Testing

/// `sceau-assistant keys import|export` with a software bi-key: exported under a new passphrase, and
/// imported onto a fresh SoftHSM token of its own, where it then opens a pli sealed for it.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct KeysTransferTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let softHSM = "/usr/lib/softhsm/libsofthsm2.so"

    @Test func aBackupBiKeyExportedThenImportedOntoATokenOpensItsPlis() throws {
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-keys-transfer-\(UUID())")
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("tokens"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let backup = pki.appendingPathComponent("enc-rsa-backup.p12").path

        // Export under a new passphrase: the copy opens with it, not with the old one.
        let copy = work.appendingPathComponent("secours.p12").path
        try run(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234", "SCEAU_PKCS12_NEW_PASSWORD": "nouveau-secret"],
            ["keys", "export", "--pkcs12", backup, "--pkcs12-out", copy])
        #expect(
            try run("/usr/bin/openssl", ["pkcs12", "-in", copy, "-passin", "pass:nouveau-secret", "-nokeys"])
                .contains("subject="))
        #expect(throws: CommandFailed.self) {
            try run("/usr/bin/openssl", ["pkcs12", "-in", copy, "-passin", "pass:test1234", "-nokeys"])
        }

        // A token of this test's own.
        let configuration = work.appendingPathComponent("softhsm2.conf").path
        try "directories.tokendir = \(work.appendingPathComponent("tokens").path)\nobjectstore.backend = file\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        let environment = ["SOFTHSM2_CONF": configuration]
        try run(
            "/usr/bin/softhsm2-util", environment: environment,
            ["--init-token", "--free", "--label", "import-test", "--pin", "4321", "--so-pin", "87654321"])
        try run(
            binary,
            environment: environment.merging(["SCEAU_PKCS12_PASSWORD": "nouveau-secret", "SCEAU_PIN": "4321"]) { $1 },
            [
                "keys", "import", "--pkcs12", copy, "--token", "import-test", "--label", "Clé de secours", "--module",
                softHSM,
            ])
        let objects = try run(
            "/usr/bin/pkcs11-tool",
            environment: environment,
            ["--module", softHSM, "--token-label", "import-test", "--login", "--pin", "4321", "-O"])
        #expect(objects.contains("Private Key Object"))
        #expect(objects.contains("Certificate Object"))
        #expect(objects.contains("sensitive"))

        // A pli sealed for the backup certificate opens with the imported key.
        let plain = work.appendingPathComponent("offre.txt")
        try Data("offre de prix".utf8).write(to: plain)
        try run(
            binary,
            [
                "encrypt", "--recipient", pki.appendingPathComponent("enc-rsa-backup.pem").path, plain.path, "--out",
                plain.path + ".p7m",
            ])
        let out = work.appendingPathComponent("ouverts")
        try run(
            binary, environment: environment.merging(["SCEAU_PIN": "4321"]) { $1 },
            ["decrypt", "--token", "import-test", "--module", softHSM, plain.path + ".p7m", "--out", out.path])
        #expect(
            FileManager.default.contents(atPath: out.appendingPathComponent("offre.txt").path)
                == Data("offre de prix".utf8))
    }
}
