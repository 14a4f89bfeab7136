/// A request type offered to citizens ("téléservice"), e.g. school registration or a birth certificate.
struct Teleservice: Codable, Sendable, Equatable {
    var id: Int64?
    var categoryID: Int64
    var name: String
    /// "Etat": offered on the front office or not.
    var online: Bool = false
    /// Some teleservices need a household account (school registration); others not (civil-status certificates).
    var requiresAccount: Bool = true
    var form = FormDefinition()
    /// The kinds of supporting documents asked for ("pièces justificatives"), e.g. "Justificatif de domicile".
    var requiredDocuments: [String] = []
    /// `nil`: the platform-wide values apply.
    var qualityOfService: QualityOfService?

    /// The JSON names of the API (`categoryId`, as its other identifiers).
    enum CodingKeys: String, CodingKey {
        case id
        case categoryID = "categoryId"
        case name, online, requiresAccount, form, requiredDocuments, qualityOfService
    }

    func validate() throws(DomainError) {
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
    func effectiveQualityOfService(platform: QualityOfService) -> QualityOfService {
        qualityOfService ?? platform
    }
}
