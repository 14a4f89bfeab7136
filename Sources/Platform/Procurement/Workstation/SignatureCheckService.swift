import CoreSignatures
import Foundation
import PlatformKernel
import X509

/// « Vérifier une signature » on the server, for a page whose workstation has no assistant: the signed file (and
/// the content of a detached signature) judged by Core's verifiers against the platform's trust anchors
/// (`serve --signature-trust-anchors`). Revocation lists are downloaded only for a certificate that chains to
/// one of those anchors (Core's path validation stops before at an unknown authority): the addresses fetched are
/// those a trusted authority wrote, never ones a stranger's self-made certificate names.
package struct SignatureCheckService: Sendable {
    /// The largest upload (signed file and content together): 10 MiB (« 10 Mio »), as the page states it.
    package static let defaultMaximumSize = 10 << 20

    package let trustAnchors: [Certificate]
    package let maximumSize: Int

    package init(trustAnchors: [Certificate] = [], maximumSize: Int = SignatureCheckService.defaultMaximumSize) {
        self.trustAnchors = trustAnchors
        self.maximumSize = maximumSize
    }

    /// What the page sent: the signed file, and for a detached signature the content it covers.
    package struct Upload: Sendable {
        package let fileName: String
        package let signature: [UInt8]
        package let contentName: String?
        package let content: [UInt8]?

        package init(fileName: String, signature: [UInt8], contentName: String? = nil, content: [UInt8]? = nil) {
            self.fileName = fileName
            self.signature = signature
            self.contentName = contentName
            self.content = content
        }
    }

    /// The limit as the page and the refusals say it (« 10 Mio »).
    package var limitLabel: String { FrenchByteCount.text(Int64(maximumSize)) }

    /// One report per signature found; refuses an empty or too large upload, and a file holding no signature.
    package func check(_ upload: Upload) async throws -> [VerificationReport] {
        guard !upload.signature.isEmpty else {
            throw DomainError.invalidField(
                field: "Fichier signé", reason: "Le fichier est vide : choisissez le fichier signé.")
        }
        let total = upload.signature.count + (upload.content?.count ?? 0)
        guard total <= maximumSize else { throw Self.tooLarge(limitLabel) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-verification-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let signed = folder.appendingPathComponent("signature")
        try Data(upload.signature).write(to: signed)
        var content: URL?
        if let bytes = upload.content {
            let url = folder.appendingPathComponent("contenu")
            try Data(bytes).write(to: url)
            content = url
        }
        let policy = VerificationPolicy(trustAnchors: trustAnchors)
        let reports = await SignatureVerification.verify(signed, content: content, policy: policy)
        // A file in which no signer was found is not a signature: say so rather than print a verdict on nothing.
        guard reports.contains(where: { $0.signer != nil }) else {
            throw DomainError.invalidField(
                field: "Fichier signé",
                reason:
                    "« \(upload.fileName) » ne contient aucune signature électronique lisible : choisissez le PDF "
                    + "signé, ou le fichier de signature (.p7s, .xml) avec le document qu'il signe.")
        }
        return reports
    }

    /// The refusal of an upload above the limit.
    package static func tooLarge(_ limit: String) -> DomainError {
        .tooLarge(
            reason:
                "Le fichier dépasse \(limit), la taille que la plateforme vérifie : vérifiez-le avec l'assistant "
                + "Sceau installé sur votre poste.")
    }
}
