import Foundation
import TestSupport
import Testing

/// `sceau-assistant encrypt|decrypt` as a script calls them: what we seal opens with `openssl cms`, and
/// a folder of plis sealed by openssl and by us opens with the key on the SoftHSM token, file by file.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token and PKI"))
struct SealCommandTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let pki: URL
    let token: TestEnvironment.Token
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        token = try TestEnvironment.token.fixture("SoftHSM token")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-seal-cli-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String { work.appendingPathComponent(name).path }
    private func pkiFile(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func randomFile(_ name: String, size: Int) throws -> Data {
        let data = Data((0..<size).map { _ in UInt8.random(in: 0...255) })
        try FileManager.default.createDirectory(
            atPath: (path(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path(name)))
        return data
    }

    @Test(arguments: [
        ["--cipher", "aes-256-gcm", "--oaep"], ["--cipher", "aes-256-cbc", "--pkcs1"],
        ["--cipher", "aes-256-cbc", "--oaep", "--subject-key-identifier"],
    ])
    func whatTheCommandSealsOpenSSLOpensForEachRecipient(options: [String]) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try randomFile("offre.pdf", size: 200_000)
        try run(
            binary,
            ["encrypt", "--recipient", pkiFile("enc-rsa.pem"), pkiFile("enc-ec.pem"), path("offre.pdf")] + options
                + ["--out", path("offre.pdf.p7m")])
        for recipient in ["enc-rsa", "enc-ec"] {
            let opened = path("\(recipient).out")
            try run(
                "/usr/bin/openssl",
                [
                    "cms", "-decrypt", "-binary", "-inform", "DER", "-in", path("offre.pdf.p7m"), "-recip",
                    pkiFile("\(recipient).pem"), "-inkey", pkiFile("\(recipient).key"), "-out", opened,
                ])
            #expect(FileManager.default.contents(atPath: opened) == original, "opened by openssl for \(recipient)")
        }
        // The sealed file is never replaced silently.
        #expect(throws: CommandFailed.self) {
            try run(
                binary,
                ["encrypt", "--recipient", pkiFile("enc-rsa.pem"), path("offre.pdf"), "--out", path("offre.pdf.p7m")])
        }
    }

    private struct Outcome: Decodable {
        let input: String
        let output: String
        let status: String
        let sha256: String?
        let error: String?
    }

    @Test func aFolderOfPlisOpensWithTheTokenKeyFileByFile() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let plis = work.appendingPathComponent("Consultation 2026-042", isDirectory: true)
        // Sealed by openssl (OAEP, AES-256-CBC) and by the command (GCM) for the token's key.
        let memo = try randomFile("plain/memoire.pdf", size: 1_500_000)
        let form = try randomFile("plain/dc1.xml", size: 3_000)
        try FileManager.default.createDirectory(
            at: plis.appendingPathComponent("Entreprise A/offre"), withIntermediateDirectories: true)
        try run(
            "/usr/bin/openssl",
            [
                "cms", "-encrypt", "-binary", "-aes256", "-outform", "DER", "-in", path("plain/dc1.xml"), "-out",
                plis.appendingPathComponent("Entreprise A/dc1.xml.p7m").path, "-recip", pkiFile("enc-rsa.pem"),
                "-keyopt", "rsa_padding_mode:oaep",
            ])
        let memoPli = plis.appendingPathComponent("Entreprise A/offre/memoire.pdf.p7m").path
        try run(
            binary, ["encrypt", "--recipient", pkiFile("enc-ec.pem"), path("plain/memoire.pdf"), "--out", memoPli])
        // A cut download, an altered pli, and a file that is no pli.
        let sealed = try Data(contentsOf: URL(fileURLWithPath: memoPli))
        try sealed.prefix(sealed.count / 2).write(to: plis.appendingPathComponent("Entreprise A/coupe.pdf.p7m"))
        var altered = sealed
        altered[altered.count / 2] ^= 0x01
        try altered.write(to: plis.appendingPathComponent("Entreprise A/altere.pdf.p7m"))
        try Data("liste des plis".utf8).write(to: plis.appendingPathComponent("manifest.txt"))

        let out = work.appendingPathComponent("ouverts")
        let result = try runReturningStatus(
            binary, environment: ["SCEAU_PIN": token.pin],
            ["decrypt", "--token", token.label, plis.path, "--out", out.path, "--json"])
        #expect(result.status == 1, "a failed pli makes the run fail")
        let outcomes = try JSONDecoder().decode([Outcome].self, from: Data(result.output.utf8))
        func outcome(_ suffix: String) -> Outcome? { outcomes.first { $0.input.hasSuffix(suffix) } }
        #expect(outcome("dc1.xml.p7m")?.status == "opened")
        #expect(outcome("memoire.pdf.p7m")?.status == "opened")
        #expect(outcome("coupe.pdf.p7m")?.status == "failed")
        #expect(outcome("coupe.pdf.p7m")?.error?.contains("incomplete") == true)
        #expect(outcome("altere.pdf.p7m")?.status == "failed")
        #expect(outcome("altere.pdf.p7m")?.error?.contains("altered") == true)
        #expect(outcome("manifest.txt")?.status == "skipped")

        let base = out.appendingPathComponent("Consultation 2026-042/Entreprise A")
        #expect(FileManager.default.contents(atPath: base.appendingPathComponent("dc1.xml").path) == form)
        #expect(FileManager.default.contents(atPath: base.appendingPathComponent("offre/memoire.pdf").path) == memo)
        // Nothing is left behind for the failed plis, not even a temporary file.
        let written = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter {
            !$0.hasSuffix("/") && !["Consultation 2026-042", "Consultation 2026-042/Entreprise A"].contains($0)
        }
        #expect(
            Set(written) == [
                "Consultation 2026-042/Entreprise A/dc1.xml", "Consultation 2026-042/Entreprise A/offre",
                "Consultation 2026-042/Entreprise A/offre/memoire.pdf",
            ])

        // A second run keeps what was opened and reports it.
        let again = try runReturningStatus(
            binary, environment: ["SCEAU_PIN": token.pin],
            ["decrypt", "--token", token.label, plis.path, "--out", out.path])
        #expect(again.output.contains("EXISTS"))
        #expect(again.output.contains("0 opened, 2 failed"))
    }

    @Test func aPliForAnotherKeyIsRefusedWithItsRecipientsNamed() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try randomFile("a.txt", size: 100)
        try run(binary, ["encrypt", "--recipient", pkiFile("enc-rsa.pem"), path("a.txt"), "--out", path("a.txt.p7m")])
        let result = try runReturningStatus(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            ["decrypt", "--pkcs12", pkiFile("enc-ec.p12"), path("a.txt.p7m"), "--out", path("out")])
        #expect(result.status == 1)
        #expect(result.output.contains("not sealed for your key"))
        #expect(!FileManager.default.fileExists(atPath: path("out/a.txt")))
    }
}
