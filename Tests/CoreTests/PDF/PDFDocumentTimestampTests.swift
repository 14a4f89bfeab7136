import CorePDF
import Foundation
import TestSupport
import Testing

/// A document time-stamp (PAdES-B-LTA's /DocTimeStamp) added after a signature validates in pyHanko.
@Suite(
    .enabled(
        if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory)
            && TestEnvironment.shouldRun(TestEnvironment.timestampURL), "needs the test PKI and TSA"))
struct PDFDocumentTimestampTests {
    /// An RFC 3161 token over the preparation's signed bytes, from the test TSA through `openssl ts` and curl.
    private func timestampToken(_ fixtures: PDFFixtures, _ preparation: PDFSignaturePreparation) throws -> [UInt8] {
        let tsa = try TestEnvironment.timestampURL.fixture("time-stamping server")
        let bytes = fixtures.url("timestamped-bytes")
        _ = FileManager.default.createFile(atPath: bytes.path, contents: nil)
        let handle = try FileHandle(forWritingTo: bytes)
        try preparation.signedBytes { try handle.write(contentsOf: Data($0)) }
        try handle.close()
        let query = fixtures.url("query.tsq")
        let reply = fixtures.url("reply.tsr")
        let token = fixtures.url("token.der")
        try run("/usr/bin/openssl", ["ts", "-query", "-data", bytes.path, "-sha256", "-cert", "-out", query.path])
        try run(
            "/usr/bin/curl",
            [
                "-sf", "--data-binary", "@\(query.path)", "-H", "Content-Type: application/timestamp-query", tsa,
                "-o", reply.path,
            ])
        try run("/usr/bin/openssl", ["ts", "-reply", "-in", reply.path, "-token_out", "-out", token.path])
        return Array(try Data(contentsOf: token))
    }

    @Test func aDocumentTimestampFollowsASignature() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        let (signed, _) = try fixtures.sign(source, to: "signed.pdf")
        let output = fixtures.url("timestamped.pdf")
        let preparation = try PDFSignaturePreparation(
            input: signed, output: output, options: PDFSignatureOptions(kind: .documentTimestamp))
        try preparation.embed(signature: try timestampToken(fixtures, preparation))
        try preparation.commit()

        let signatures = try PDFDocument(url: output).signatures()
        #expect(signatures.map(\.type) == ["Sig", "DocTimeStamp"])
        #expect(signatures.map(\.subFilter) == ["ETSI.CAdES.detached", "ETSI.RFC3161"])
        #expect(signatures.last?.coversWholeFile == true && signatures.last?.signingTime == nil)
        let report = try fixtures.pyhankoValidate(output)
        #expect(report.contains("judged VALID") && report.contains("signature maintenance"), "\(report)")

        // The listed token verifies over the listed byte range.
        let timestamp = try #require(signatures.last)
        let covered = fixtures.url("covered")
        var collected = Data()
        try PDFDocument(url: output).signedBytes(of: timestamp) { collected.append(contentsOf: $0) }
        try collected.write(to: covered)
        let token = fixtures.url("listed-token.der")
        try Data(timestamp.contents).write(to: token)
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        try run(
            "/usr/bin/openssl",
            [
                "ts", "-verify", "-data", covered.path, "-in", token.path, "-token_in", "-CAfile",
                pki.appendingPathComponent("chain.pem").path,
            ])
    }
}
