/// The documents an agent puts online for bidders, each uploaded and replaced on its own (seed 003,
/// « Documents joints DCE »).
package enum ConsultationDocumentKind: String, Codable, CaseIterable, Sendable {
    /// The « Dossier joint (DCE) », a ZIP archive, downloadable whole or in part.
    case dce
    /// The « Règlement de consultation ».
    case rules = "reglement"
    /// The « Autres pièces téléchargeables par les entreprises ».
    case other = "autres"

    package var label: String {
        switch self {
        case .dce: "Dossier de consultation (DCE)"
        case .rules: "Règlement de consultation"
        case .other: "Autres pièces"
        }
    }

    /// The name given to a file uploaded without one.
    package var defaultFileName: String {
        switch self {
        case .dce: "DCE.zip"
        case .rules: "Reglement_de_consultation.pdf"
        case .other: "Autres_pieces"
        }
    }
}
