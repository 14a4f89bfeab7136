import PlatformKernel

/// A request type offered to citizens ("téléservice"), e.g. school registration or a birth certificate.
package struct Teleservice: Codable, Sendable, Equatable {
    package var id: Int64?
    package var categoryID: Int64
    package var name: String
    /// "Etat": offered on the front office or not.
    package var online: Bool = false
    /// Some teleservices need a household account (school registration); others not (civil-status certificates).
    package var requiresAccount: Bool = true
    package var form = FormDefinition()
    /// The kinds of supporting documents asked for ("pièces justificatives"), e.g. "Justificatif de domicile".
    package var requiredDocuments: [String] = []
    /// `nil`: the platform-wide values apply.
    package var qualityOfService: QualityOfService?

    /// The JSON names of the API (`categoryId`, as its other identifiers).
    package enum CodingKeys: String, CodingKey {
        case id
        case categoryID = "categoryId"
        case name, online, requiresAccount, form, requiredDocuments, qualityOfService
    }

    package func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom du téléservice", reason: "saisissez un nom.")
        }
        try form.validate()
        try qualityOfService?.validate()
        guard Set(requiredDocuments).count == requiredDocuments.count else {
            throw .invalidField(field: "Pièces justificatives", reason: "une pièce est demandée deux fois.")
        }
    }

    /// The commitment that applies: the teleservice's own, else the platform's.
    package func effectiveQualityOfService(platform: QualityOfService) -> QualityOfService {
        qualityOfService ?? platform
    }
}
