import PlatformKernel

/// The documents of a published consultation on its page for companies: the règlement de consultation, the DCE
/// (whole, or chosen files inside it, by a plain GET form) and the autres pièces, and what the registre des
/// retraits records of a download.
package struct PublicDocumentsView: Sendable {
    package let hasAny: Bool
    package let links: [Link]
    package let hasDCE: Bool
    package let dceAction: String
    package let dceVersion: String
    package let files: [File]
    package let hasFiles: Bool
    package let signedIn: Bool
    package let companyName: String
    package let restricted: Bool

    package struct Link: Sendable {
        package let label: String
        package let name: String
        package let size: String
        package let path: String
        package let className: String
    }

    package struct File: Sendable {
        package let number: String
        package let name: String
        package let size: String
    }

    package init(
        reference: String, documents: [ConsultationDocumentKind: ConsultationDocument], files: [ZIPEntry],
        bidder: SignedInBidder?, restricted: Bool
    ) {
        let encoded = percentEncode(reference)
        links = [ConsultationDocumentKind.rules, .dce, .other].compactMap { kind in
            guard let document = documents[kind] else { return nil }
            return Link(
                label: kind == .dce ? "Télécharger le dossier de consultation (DCE)" : "Télécharger : \(kind.label)",
                name: document.name,
                size: document.size > 0 ? FrenchByteCount.text(document.size) : "",
                path: kind == .dce
                    ? "/api/public/consultations/\(encoded)/dce"
                    : "/api/public/consultations/\(encoded)/documents/\(kind.rawValue)",
                className: kind == .dce ? "dce" : "document-\(kind.rawValue)")
        }
        hasAny = !links.isEmpty
        hasDCE = documents[.dce] != nil
        dceAction = "/api/public/consultations/\(encoded)/dce"
        dceVersion = documents[.dce].map { String($0.version) } ?? ""
        self.files = files.enumerated().map { index, entry in
            File(number: String(index), name: entry.name, size: FrenchByteCount.text(entry.uncompressedSize))
        }
        hasFiles = !self.files.isEmpty
        signedIn = bidder != nil
        companyName = bidder?.company.name ?? ""
        self.restricted = restricted
    }
}
