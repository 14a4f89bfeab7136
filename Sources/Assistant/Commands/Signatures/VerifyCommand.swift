import ArgumentParser
import CoreCMS
import CoreSignatures
import Foundation

/// `sceau-assistant verify`: checks a signature (PAdES, CAdES, XAdES, or the signatures of an ASiC-E
/// container) made by anyone, and exits 0 only when every signature in it is VALID.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed PDF, a .p7s, an XAdES file or an ASiC-E container; exit status 0 only for VALID.",
        discussion: """
            Checks integrity, the signer's certificate, its chain to the --trust anchors, and its validity \
            and revocation at the signing time (the time-stamp's when there is one). Revocation comes from \
            what the signature embeds, else the OCSP responder the certificate names, else CRLs (--crl, or \
            downloaded from the distribution points); the report says which source answered and when. \
            Prints VALID, INVALID or INDETERMINATE with the reasons; --json for scripts. Exit status: \
            0 VALID, 1 INVALID, 2 INDETERMINATE.

            An ASiC-E container (.asice, .sce: any ZIP archive) gets one report per signature file, each \
            naming the files it covers; a signed file missing from the container (removed or renamed) or a \
            file no signature covers (added) makes the reports INVALID. Archives with absolute or ".." \
            paths, duplicate names, encrypted entries or absurd compression ratios are refused.
            """
    )

    @Argument(help: "The signed file: a PDF, a .p7s, an XAdES .xml, or an ASiC-E container.")
    var signed: String

    @Option(help: "The signed file of a detached signature (.p7s, XAdES).")
    var content: String?

    @OptionGroup var trust: TrustOptions

    @Option(help: "A CRL (PEM or DER) to check revocation with; repeatable.")
    var crl: [String] = []

    @Flag(help: "No network: no OCSP request, no CRL download; only what the signature embeds and the --crl given.")
    var offline = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        var crls: [CertificateRevocationList] = []
        for path in crl {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Cannot read the CRL \(path).")
            }
            crls.append(try CertificateRevocationList(bytes: Array(data)))
        }
        let policy = VerificationPolicy(trustAnchors: try trust.anchors(), crls: crls, fetchesCRLs: !offline)
        let reports = await SignatureVerification.verify(
            URL(fileURLWithPath: signed), content: content.map { URL(fileURLWithPath: $0) }, policy: policy)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            print(reports.map(\.text).joined(separator: "\n\n"))
        }
        if reports.contains(where: { $0.verdict == .invalid }) { throw ExitCode(1) }
        if reports.isEmpty || reports.contains(where: { $0.verdict != .valid }) { throw ExitCode(2) }
    }
}
