import CoreCMS
import CoreSignatures
import CoreTokens
import CoreXML
import CoreZIP
import Foundation
import TestSupport
import Testing
import X509

/// ASiC-E containers: their structure, sign → verify round trips over several files, a parallel signature,
/// every alteration of the container detected, hostile archives refused, `xmlsec1` (after Python's
/// `zipfile` extracts the container) verifying what we sign, and a large file signed in bounded memory.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct ASiCETests {
    let pki: URL
    let work: URL
    let names = ["mémoire technique.pdf", "acte d'engagement signé.txt", "annexe 1 – prix.xlsx"]

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-asice-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func key(_ name: String = "signer-qualified") throws -> SoftwareSigningKey {
        try SoftwareSigningKey(pkcs12: pkiPath("\(name).p12"), passphrase: "test1234")
    }

    private func signer(_ name: String = "signer-qualified") throws -> ASiCESigner {
        ASiCESigner(signer: try XAdESSigner(key: try key(name)))
    }

    private func policy() throws -> VerificationPolicy {
        let anchors = [try Certificate(pemEncoded: try String(contentsOfFile: pkiPath("root-ca.pem"), encoding: .utf8))]
        let crl = try CertificateRevocationList(
            bytes: Array(try Data(contentsOf: pki.appendingPathComponent("intermediate.crl"))))
        return VerificationPolicy(trustAnchors: anchors, crls: [crl], fetchesCRLs: false)
    }

    /// The three files, of random content, in a folder of their own.
    private func files() throws -> [URL] {
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try names.enumerated().map { index, name in
            let url = folder.appendingPathComponent(name)
            try Data((0..<(20_000 * (index + 1))).map { _ in UInt8.random(in: 0...255) }).write(to: url)
            return url
        }
    }

    private func container(_ name: String = "dossier.asice") async throws -> URL {
        let url = work.appendingPathComponent(name)
        try await signer().sign(files: try files(), to: url)
        return url
    }

    /// A copy of `source` whose entries (all but mimetype, which comes first) are what `change` makes of them.
    private func rebuilt(
        _ source: URL, as name: String, _ change: ([(name: String, bytes: [UInt8])]) -> [(name: String, bytes: [UInt8])]
    ) throws -> URL {
        let reader = try ZIPReader(fileAt: source)
        let entries = try reader.entries.filter { $0.name != "mimetype" }.map {
            (name: $0.name, bytes: try reader.contents(of: $0, maximumSize: 1 << 24))
        }
        let url = work.appendingPathComponent(name)
        let writer = try ZIPWriter(creatingFileAt: url)
        try writer.add(name: "mimetype", bytes: Array(ASiCE.mimeType.utf8))
        for entry in change(entries) { try writer.add(name: entry.name, bytes: entry.bytes) }
        try writer.finish()
        return url
    }

    @Test func theContainerStartsWithAStoredMimetypeAndHoldsEveryFile() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try await container()
        let bytes = Array(try Data(contentsOf: url))
        // The first local header: signature, method 0 (stored), no extra field, "mimetype", then its content
        // at offset 38, as ETSI EN 319 162-1 requires for readers that sniff it.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0, "stored")
        #expect(bytes[28] == 0 && bytes[29] == 0, "no extra field")
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<(38 + 31)], as: UTF8.self) == "application/vnd.etsi.asic-e+zip")

        let reader = try ZIPReader(fileAt: url)
        #expect(
            reader.entries.map(\.name)
                == ["mimetype"] + names + ["META-INF/manifest.xml", "META-INF/signatures0.xml"])
        let manifest = String(
            decoding: try reader.contents(
                of: try #require(reader.entry(named: "META-INF/manifest.xml")), maximumSize: 1 << 20),
            as: UTF8.self)
        #expect(manifest.contains(#"manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip""#))
        #expect(manifest.contains(#"manifest:full-path="mémoire technique.pdf" manifest:media-type="application/pdf""#))
        #expect(manifest.contains(#"manifest:full-path="acte d&#39;engagement signé.txt""#))
        let signature = String(
            decoding: try reader.contents(
                of: try #require(reader.entry(named: "META-INF/signatures0.xml")), maximumSize: 1 << 20),
            as: UTF8.self)
        #expect(signature.contains(#"<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#">"#))
        #expect(signature.contains(#"URI="m%C3%A9moire%20technique.pdf""#))
    }

    @Test func severalFilesSignedAreAllReportedValid() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try await container()
        let reports = await SignatureVerification.verify(url, content: nil, policy: try policy())
        try #require(reports.count == 1)
        let report = reports[0]
        #expect(report.verdict == .valid, "\(report.text)")
        #expect(report.format == .asice)
        #expect(report.field == "META-INF/signatures0.xml")
        #expect(report.signedFiles == names)
        #expect(report.unsignedFiles == [])
        #expect(report.signer?.contains("Sceau Test Entreprise") == true)
    }

    @Test func signingAgainAddsAParallelSignatureInANewContainer() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try await container()
        let before = try Data(contentsOf: original)
        let second = work.appendingPathComponent("dossier - cosigné.asice")
        try await signer("signer-plain").addSignature(to: original, writingTo: second)
        #expect(try Data(contentsOf: original) == before, "the original container is not altered")

        let reader = try ZIPReader(fileAt: second)
        #expect(reader.entries.first?.name == "mimetype")
        #expect(reader.entry(named: "META-INF/signatures1.xml") != nil)
        let reports = await SignatureVerification.verify(second, content: nil, policy: try policy())
        #expect(reports.map(\.field) == ["META-INF/signatures0.xml", "META-INF/signatures1.xml"])
        #expect(reports.allSatisfy { $0.verdict == .valid }, "\(reports.map(\.text))")
        #expect(reports.allSatisfy { $0.signedFiles == names })
        #expect(Set(reports.compactMap(\.signer)).count == 2, "two different signers")

        // Writing over an existing file is refused.
        await #expect(throws: SignatureError.self) {
            try await signer().addSignature(to: original, writingTo: second)
        }
    }

    @Test func documentSignerSignsAContainerAgainWhenGivenOne() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let signer = DocumentSigner(key: try key(), format: .asice)
        let first = try await signer.signContainer(of: try files(), outputDirectory: folder)
        #expect(first.lastPathComponent.hasPrefix("Conteneur - "))
        #expect(first.lastPathComponent.hasSuffix(" - Signature 1.asice"))
        let second = try await signer.sign(first, outputDirectory: folder)
        #expect(second.lastPathComponent.hasPrefix("Conteneur - "))
        #expect(second != first)
        let reports = await SignatureVerification.verify(second, content: nil, policy: try policy())
        #expect(reports.count == 2)
        #expect(reports.allSatisfy { $0.verdict == .valid }, "\(reports.map(\.text))")
    }

    @Test(arguments: ["content", "removed", "added", "renamed"])
    func everyAlterationIsDetected(alteration: String) async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try await container()
        let altered = try rebuilt(url, as: "altered.asice") { entries in
            switch alteration {
            case "content":
                return entries.map { entry in
                    guard entry.name == names[0] else { return entry }
                    var bytes = entry.bytes
                    bytes[100] ^= 0x01
                    return (entry.name, bytes)
                }
            case "removed": return entries.filter { $0.name != names[1] }
            case "added": return entries + [("ajout.txt", Array("ajouté après".utf8))]
            default: return entries.map { $0.name == names[2] ? ("annexe 2.xlsx", $0.bytes) : $0 }
            }
        }
        let reports = await SignatureVerification.verify(altered, content: nil, policy: try policy())
        try #require(reports.count == 1)
        let report = reports[0]
        #expect(report.verdict == .invalid, "\(report.text)")
        let reasons = report.reasons.joined(separator: "\n")
        switch alteration {
        case "content": #expect(reasons.contains("\"\(names[0])\" was modified"))
        case "removed": #expect(reasons.contains("\"\(names[1])\" is not in the container"))
        case "added":
            #expect(reasons.contains("\"ajout.txt\""))
            #expect(report.unsignedFiles == ["ajout.txt"])
        default:
            #expect(reasons.contains("\"\(names[2])\" is not in the container"))
            #expect(report.unsignedFiles == ["annexe 2.xlsx"])
        }
    }

    @Test(arguments: [
        ("climbing", #"z.writestr("../outside.txt", "x")"#, "climbs out"),
        ("absolute", #"z.writestr("/tmp/outside.txt", "x")"#, "absolute path"),
        ("duplicate", #"z.writestr("mémoire technique.pdf", "x")"#, "two entries named"),
    ])
    func hostileContainersAreRefused(kind: String, statement: String, wording: String) async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try await container()
        // Python's zipfile appends to our container what it is told to, duplicates included.
        try await run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import sys, zipfile, warnings
                warnings.simplefilter("ignore")
                with zipfile.ZipFile(sys.argv[1], "a") as z:
                    \(statement)
                """, url.path,
            ])
        let reports = await SignatureVerification.verify(url, content: nil, policy: try policy())
        try #require(reports.count == 1)
        #expect(reports[0].verdict == .invalid)
        #expect(reports[0].reasons.joined().contains(wording), "\(reports[0].reasons)")
        await #expect(throws: ZIPArchiveError.self) {
            try await signer().addSignature(to: url, writingTo: work.appendingPathComponent("again.asice"))
        }
    }

    /// Independent check: Python's `zipfile` extracts the container, `xmlsec1` verifies the signature
    /// file against the extracted files (the References resolve from the container's root).
    @Test func pythonExtractsAndXmlsecVerifiesWhatWeSign() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try await container()
        let extracted = work.appendingPathComponent("extracted")
        try await run("/usr/bin/python3", ["-m", "zipfile", "-e", url.path, extracted.path])
        for name in names {
            #expect(FileManager.default.fileExists(atPath: extracted.appendingPathComponent(name).path))
        }
        let verify = { (signature: String) throws -> (status: Int32, output: String) in
            try runReturningStatus(
                "/bin/sh",
                [
                    "-c",
                    "cd \"$1\" && xmlsec1 --verify --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties' "
                        + "--trusted-pem \"$2\" --untrusted-pem \"$3\" \"$4\" 2>&1",
                    "sh", extracted.path, pkiPath("root-ca.pem"), pkiPath("intermediate-ca.pem"), signature,
                ])
        }
        let good = try verify("META-INF/signatures0.xml")
        #expect(good.status == 0, "\(good.output)")
        // xmlsec1 also sees an altered file.
        let file = extracted.appendingPathComponent(names[1])
        var bytes = try Data(contentsOf: file)
        bytes[10] ^= 0x01
        try bytes.write(to: file)
        #expect(try verify("META-INF/signatures0.xml").status != 0)
    }

    @Test func aLargeFileIsSignedInBoundedMemory() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        // A sparse file of 512 MiB: nothing to generate, all of it read, digested and copied.
        let source = work.appendingPathComponent("grand fichier.bin")
        let size: UInt64 = 512 << 20
        FileManager.default.createFile(atPath: source.path, contents: nil)
        let handle = try FileHandle(forWritingTo: source)
        try handle.truncate(atOffset: size)
        try handle.close()
        let before = peakResidentBytes()
        let url = work.appendingPathComponent("grand.asice")
        try await signer().sign(files: [source], to: url)
        let grown = peakResidentBytes() - before
        #expect(grown < 160 << 20, "the peak resident size grew by \(grown >> 20) MiB for a 512 MiB file")
        let reader = try ZIPReader(fileAt: url)
        #expect(reader.entry(named: "grand fichier.bin")?.uncompressedSize == size)
        let reports = await SignatureVerification.verify(url, content: nil, policy: try policy())
        #expect(reports.first?.verdict == .valid)
    }

    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
