import Foundation
import TestSupport
import Testing

/// `sceau-assistant sign --format asice` and `verify` on containers, as scripts call them: one container of
/// several files, a parallel signature into a new container, and the exit statuses of verify.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct ASiCECommandTests {
    let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let pki: URL
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-asice-cli-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func sign(_ paths: [String], key: String = "signer-qualified") throws -> String {
        try run(
            binary, environment: ["SCEAU_PKCS12_PASSWORD": "test1234"],
            ["sign", "--format", "asice", "--pkcs12", pkiPath("\(key).p12"), "--out", work.path] + paths
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func verify(_ path: String) throws -> (status: Int32, output: String) {
        try runReturningStatus(
            binary,
            [
                "verify", path, "--trust", pkiPath("root-ca.pem"), "--crl", pkiPath("intermediate.crl"), "--offline",
                "--json",
            ])
    }

    @Test func filesGoIntoOneContainerThatCanBeSignedAgain() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let files = try ["offre finale.pdf", "bordereau des prix é.txt"].map { name in
            let url = work.appendingPathComponent(name)
            try Data((0..<10_000).map { _ in UInt8.random(in: 0...255) }).write(to: url)
            return url.path
        }
        let container = try sign(files)
        #expect(URL(fileURLWithPath: container).lastPathComponent.hasPrefix("Conteneur - "))
        #expect(container.hasSuffix(" - Signature 1.asice"))
        let first = try verify(container)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains(#""signedFiles" : ["#))
        #expect(first.output.contains("offre finale.pdf") && first.output.contains("bordereau des prix é.txt"))

        // The single container given: a parallel signature, in a new container; the first is kept.
        let before = try Data(contentsOf: URL(fileURLWithPath: container))
        let cosigned = try sign([container], key: "signer-plain")
        #expect(cosigned != container)
        #expect(try Data(contentsOf: URL(fileURLWithPath: container)) == before)
        let second = try verify(cosigned)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("signatures0.xml"))  // JSONEncoder writes "META-INF\/signatures0.xml"
        #expect(second.output.contains("signatures1.xml"))

        // A file added to the container: INVALID, exit 1, the file named.
        try run(
            "/usr/bin/python3",
            [
                "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'a'); z.writestr('ajout.txt', 'x'); z.close()",
                cosigned,
            ])
        let altered = try verify(cosigned)
        #expect(altered.status == 1)
        #expect(altered.output.contains(#""unsignedFiles" : ["#))
        #expect(altered.output.contains("ajout.txt"))
    }
}
