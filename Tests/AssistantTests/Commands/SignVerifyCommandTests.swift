import Foundation
import TestSupport
import Testing

/// `sceau-assistant sign|verify` as scripts call them: signatures from the SoftHSM token and from a
/// PKCS#12, checked by `openssl cms`; verdicts and exit statuses for valid, altered, expired, revoked
/// and untrusted signatures.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM token, test PKI and TSA"))
struct SignVerifyCommandTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let pki: URL
    let token: TestEnvironment.Token
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        token = try TestEnvironment.token.fixture("SoftHSM token")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-sign-cli-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func document(_ name: String = "memoire technique.pdf") throws -> URL {
        let url = work.appendingPathComponent(name)
        try Data((0..<300_000).map { _ in UInt8.random(in: 0...255) }).write(to: url)
        return url
    }

    private func verify(_ signature: String, content: URL, extra: [String] = []) throws -> (Int32, String) {
        let result = try runReturningStatus(
            binary,
            ["verify", signature, "--content", content.path, "--trust", pkiPath("root-ca.pem"), "--json"] + extra)
        return (result.status, result.output)
    }

    @Test func theTokenSignsCAdESBTAndBothOpenSSLAndVerifyAccept() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let tsa = TestEnvironment.timestampURL else {
            Issue.record("no TSA fixture")
            return
        }
        let file = try document()
        let output = try run(
            binary, environment: ["SCEAU_PIN": token.pin],
            [
                "sign", "--format", "cades", "--level", "b-t", "--tsa", tsa, "--token", token.label, "--key", "01",
                file.path,
            ])
        let signature = output.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = URL(fileURLWithPath: signature).lastPathComponent
        #expect(name.hasPrefix("memoire technique.pdf - "))
        #expect(name.hasSuffix(" - Signature 1.p7s"))
        #expect(signature.hasPrefix(work.path), "written next to the file")
        try run(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", file.path, "-CAfile",
                pkiPath("root-ca.pem"), "-purpose", "any", "-out", "/dev/null",
            ])
        let (status, json) = try verify(signature, content: file, extra: ["--crl", pkiPath("intermediate.crl")])
        #expect(status == 0, "\(json)")
        #expect(json.contains(#""verdict" : "VALID""#))
        #expect(json.contains("timestampTime"))

        // A second signature of the same file gets the next number, the first is kept.
        let second = try run(
            binary, environment: ["SCEAU_PIN": token.pin],
            ["sign", "--format", "cades", "--token", token.label, "--key", "01", file.path])
        #expect(second.contains(" - Signature 2.p7s") || second.contains(" - Signature 1.p7s"))
        #expect(FileManager.default.fileExists(atPath: signature))

        // One changed byte of the content: INVALID, exit 1, the reason named.
        var bytes = try Data(contentsOf: file)
        bytes[1000] ^= 0x01
        try bytes.write(to: file)
        let (alteredStatus, alteredJSON) = try verify(signature, content: file)
        #expect(alteredStatus == 1)
        #expect(alteredJSON.contains("INVALID"))
        #expect(alteredJSON.contains("modified"))
    }

    @Test(arguments: [
        ("signer-expired", 1, "expired"), ("signer-revoked", 1, "revoked"), ("signer-plain", 0, "VALID"),
    ])
    func theVerdictFollowsTheCertificate(name: String, status: Int32, expected: String) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try document()
        let output = try run(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            ["sign", "--format", "cades", "--pkcs12", pkiPath("\(name).p12"), "--out", work.path, file.path])
        let signature = output.trimmingCharacters(in: .whitespacesAndNewlines)
        let (code, json) = try verify(signature, content: file, extra: ["--crl", pkiPath("intermediate.crl")])
        #expect(code == status, "\(name): \(json)")
        #expect(json.contains(expected), "\(name): \(json)")
    }

    @Test func withoutItsAnchorTheVerdictIsIndeterminate() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try document()
        let output = try run(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            ["sign", "--format", "cades", "--pkcs12", pkiPath("signer-qualified.p12"), file.path])
        let signature = output.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try runReturningStatus(binary, ["verify", signature, "--content", file.path])
        #expect(result.status == 2)
        #expect(result.output.contains("INDETERMINATE"))
        #expect(result.output.contains("does not chain to a trusted authority"))
        // Without its content, a detached signature cannot be judged either.
        let missing = try runReturningStatus(binary, ["verify", signature, "--trust", pkiPath("root-ca.pem")])
        #expect(missing.status == 2)
        #expect(missing.output.contains("--content"))
    }

    @Test(arguments: ["cades", "xades"])
    func aMultiGigabyteFileIsSignedInBoundedMemory(format: String) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        // A sparse 2 GiB file: read in full by the signer, never held.
        let large = work.appendingPathComponent("archive.bin")
        FileManager.default.createFile(atPath: large.path, contents: nil)
        let handle = try FileHandle(forWritingTo: large)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let peak = work.appendingPathComponent("peak.txt")
        try run(
            "/usr/bin/time",
            environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            [
                "-f", "%M", "-o", peak.path, binary, "sign", "--format", format, "--pkcs12",
                pkiPath("signer-qualified.p12"), "--out", work.path, large.path,
            ], timeout: 600)
        let kilobytes = Int(
            try String(contentsOf: peak, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((kilobytes ?? .max) < 128 * 1024, "peak RSS \(kilobytes ?? -1) KiB for a 2 GiB file")
        let signature = try #require(
            try FileManager.default.contentsOfDirectory(atPath: work.path).first { $0.contains("Signature 1") })
        let (status, json) = try verify(work.appendingPathComponent(signature).path, content: large)
        #expect(status == 0, "\(json)")
    }

    @Test func aWrongPINIsReportedAndNothingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try document("acte.pdf")
        let result = try runReturningStatus(
            binary, environment: ["SCEAU_PIN": "0000"],
            ["sign", "--format", "cades", "--token", token.label, "--key", "01", file.path])
        #expect(result.status != 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(left == ["acte.pdf"])
    }
}
