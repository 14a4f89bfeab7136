import PlatformKernel

/// "Modalités" tab: how companies answer and how agents open the answers.
package struct ConsultationModalities: Codable, Sendable, Equatable {
    /// "Réponse électronique".
    package enum ElectronicResponse: String, Codable, CaseIterable, Sendable {
        case refused = "refusee"
        case allowed = "autorisee"
        case required = "obligatoire"

        package var label: String {
            switch self {
            case .refused: "Refusée"
            case .allowed: "Autorisée"
            case .required: "Obligatoire"
            }
        }
    }

    /// "Signature électronique" of the answer's files.
    package enum Signature: String, Codable, CaseIterable, Sendable {
        case notRequired = "non-requise"
        case required = "requise"
        case allowed = "autorisee"

        package var label: String {
            switch self {
            case .notRequired: "Non requise"
            case .required: "Requise"
            case .allowed: "Autorisée"
            }
        }
    }

    /// "Mode d'ouverture": envelope by envelope across all answers, or answer by answer.
    package enum OpeningMode: String, Codable, CaseIterable, Sendable {
        case byFolder = "par-dossier"
        case byResponse = "par-reponse"

        package var label: String {
            switch self {
            case .byFolder: "Par dossier"
            case .byResponse: "Par réponse"
            }
        }
    }

    package var electronicResponse: ElectronicResponse = .allowed
    package var signature: Signature = .notRequired
    /// "Chiffrement de la réponse avec clé cryptographique"; on by default: Sceau seals every pli.
    package var encryption: Bool = true
    /// The envelopes a response is made of; at least one.
    package var envelopes: Set<ConsultationEnvelope> = [.offer]
    package var openingMode: OpeningMode = .byFolder
    /// "Poursuivre l'affichage pour les entreprises après la date limite de remise des plis".
    package var displayedAfterDeadline: Bool = false

    package init(
        electronicResponse: ElectronicResponse = .allowed, signature: Signature = .notRequired, encryption: Bool = true,
        envelopes: Set<ConsultationEnvelope> = [.offer], openingMode: OpeningMode = .byFolder,
        displayedAfterDeadline: Bool = false
    ) {
        self.electronicResponse = electronicResponse
        self.signature = signature
        self.encryption = encryption
        self.envelopes = envelopes
        self.openingMode = openingMode
        self.displayedAfterDeadline = displayedAfterDeadline
    }

    /// Checks that the choices fit together.
    package func validate() throws(DomainError) {
        guard !envelopes.isEmpty else {
            throw .invalidField(
                field: "enveloppes", reason: "Choisissez au moins une enveloppe : candidature, offre ou anonymat.")
        }
        guard envelopes != [.anonymity] else {
            throw .invalidField(
                field: "enveloppes",
                reason:
                    "L'enveloppe d'anonymat est une troisième enveloppe : ajoutez l'enveloppe de candidature ou d'offre."
            )
        }
        if encryption && electronicResponse == .refused {
            throw .invalidField(
                field: "chiffrement",
                reason:
                    "Le chiffrement ne s'applique qu'aux réponses électroniques : autorisez la réponse électronique ou retirez le chiffrement."
            )
        }
        if signature != .notRequired && electronicResponse == .refused {
            throw .invalidField(
                field: "signature électronique",
                reason:
                    "La signature électronique ne s'applique qu'aux réponses électroniques : choisissez « Non requise » ou autorisez la réponse électronique."
            )
        }
    }
}
