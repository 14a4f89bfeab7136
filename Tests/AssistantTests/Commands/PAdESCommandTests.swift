import Foundation
import TestSupport
import Testing

/// `sceau-assistant sign --format pades` and `verify` on PDFs, checked by pdfsig and pyHanko: the token's
/// B-T signature, a second signature keeping the first valid, a pyHanko-signed PDF, an altered byte, an
/// encrypted PDF refused.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM token, test PKI and TSA"))
struct PAdESCommandTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let pyhanko = TestEnvironment.repositoryRoot.appendingPathComponent(".venv/bin/pyhanko").path
    let pki: URL
    let token: TestEnvironment.Token
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        token = try TestEnvironment.token.fixture("SoftHSM token")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pades-cli-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    /// A one-page PDF with a classic cross-reference table, rewritten by qpdf with object and xref
    /// streams when `compressed`.
    private func pdf(_ name: String, compressed: Bool) throws -> URL {
        let content = "BT /F1 18 Tf 72 700 Td (Acte d'engagement) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var bytes = Array("%PDF-1.7\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        let xref = bytes.count
        for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        bytes += Array(tail.utf8)
        let plain = work.appendingPathComponent(compressed ? "plain-\(name)" : name)
        try Data(bytes).write(to: plain)
        guard compressed else { return plain }
        let output = work.appendingPathComponent(name)
        try run("/usr/bin/qpdf", ["--object-streams=generate", plain.path, output.path])
        return output
    }

    private func sign(_ file: URL, extra: [String]) throws -> URL {
        let output = try run(
            binary, environment: ["SCEAU_PIN": token.pin, "SCEAU_PKCS12_PASSWORD": "test1234"],
            ["sign", "--format", "pades"] + extra + [file.path])
        return URL(fileURLWithPath: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func pyhankoValidates(_ file: URL) throws -> Bool {
        try runReturningStatus(
            pyhanko,
            [
                "sign", "validate", "--pretty-print", "--no-revocation-check", "--trust-replace", "--trust",
                pkiPath("root-ca.pem"), "--other-certs", pkiPath("intermediate-ca.pem"), file.path,
            ]
        ).status == 0
    }

    @Test(arguments: [false, true])
    func theTokenSignsBTAndTheValidatorsAgree(compressed: Bool) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let tsa = TestEnvironment.timestampURL else {
            Issue.record("no TSA fixture")
            return
        }
        let original = try pdf("acte.pdf", compressed: compressed)
        let signed = try sign(original, extra: ["--token", token.label, "--key", "01", "--level", "b-t", "--tsa", tsa])
        #expect(signed.lastPathComponent.hasPrefix("acte - "))
        #expect(signed.lastPathComponent.hasSuffix(" - Signature 1.pdf"))
        let pdfsig = try run("/usr/bin/pdfsig", [signed.path])
        #expect(pdfsig.contains("Signature is Valid."))
        #expect(pdfsig.contains("Total document signed"))
        #expect(pdfsig.contains("ETSI.CAdES.detached"))
        #expect(try pyhankoValidates(signed))
        let verified = try runReturningStatus(binary, ["verify", signed.path, "--trust", pkiPath("root-ca.pem")])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("Timestamp:"))

        // A second signature (PKCS#12) after the first: both valid, the first on its own revision. (pyHanko
        // insists on nonRepudiation, which the EC signer of the fixtures lacks: the RSA one signs again.)
        let twice = try sign(signed, extra: ["--pkcs12", pkiPath("signer-qualified.p12")])
        let both = try run("/usr/bin/pdfsig", [twice.path])
        #expect(both.components(separatedBy: "Signature is Valid.").count == 3, "\(both)")
        #expect(try pyhankoValidates(twice))
        let report = try runReturningStatus(
            binary, ["verify", twice.path, "--trust", pkiPath("root-ca.pem"), "--json"])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("Signature2"))

        // One altered byte inside the signed range: INVALID.
        var bytes = try Data(contentsOf: signed)
        let target = try #require(bytes.firstRange(of: Data("Acte d'engagement".utf8))?.lowerBound ?? Optional(200))
        bytes[target] ^= 0x01
        try bytes.write(to: signed)
        let altered = try runReturningStatus(binary, ["verify", signed.path, "--trust", pkiPath("root-ca.pem")])
        #expect(altered.status == 1, "\(altered.output)")
        #expect(altered.output.contains("INVALID"))
    }

    @Test func aPDFSignedByPyHankoVerifiesAndCanBeSignedAgain() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try pdf("dce.pdf", compressed: true)
        let byPyHanko = work.appendingPathComponent("dce-pyhanko.pdf")
        try run(
            pyhanko,
            [
                "sign", "addsig", "--field", "Approbation", "--use-pades", "pemder", "--no-pass", "--key",
                pkiPath("signer-qualified.key"), "--cert", pkiPath("signer-qualified.pem"), "--chain",
                pkiPath("intermediate-ca.pem"), original.path, byPyHanko.path,
            ])
        let first = try runReturningStatus(binary, ["verify", byPyHanko.path, "--trust", pkiPath("root-ca.pem")])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("Approbation"))
        let ours = try sign(byPyHanko, extra: ["--pkcs12", pkiPath("signer-qualified.p12")])
        #expect(try pyhankoValidates(ours))
        let both = try runReturningStatus(binary, ["verify", ours.path, "--trust", pkiPath("root-ca.pem")])
        #expect(both.status == 0, "\(both.output)")
    }

    @Test func anEncryptedPDFIsRefusedAndNothingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try pdf("protege-source.pdf", compressed: false)
        let encrypted = work.appendingPathComponent("protege.pdf")
        try run("/usr/bin/qpdf", ["--encrypt", "user", "owner", "256", "--", original.path, encrypted.path])
        let result = try runReturningStatus(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            ["sign", "--format", "pades", "--pkcs12", pkiPath("signer-qualified.p12"), encrypted.path])
        #expect(result.status != 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains("Signature") }
        #expect(left.isEmpty)
    }
}
