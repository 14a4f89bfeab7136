import Foundation

/// A consultation (call for tenders) as the agent fills it in, with its place in the lifecycle.
///
/// Times are whole seconds since 1970, UTC, as everywhere in the platform's storage.
struct Consultation: Codable, Sendable, Equatable {
    /// Assigned by the store; `nil` before the consultation is saved.
    var id: Int64?
    var reference: ConsultationReference
    /// "Service de rattachement": the service that owns the consultation; its agents have access.
    var organisationID: Int64
    /// The agent who created it.
    var createdBy: Int64
    var creationMode: ConsultationCreationMode = .standard

    // Identification
    var announcementType: AnnouncementType = .consultation
    var contractType: ContractType
    var procedureType: ProcedureType
    var category: ProcurementCategory
    /// "Intitulé de la consultation".
    var title: String
    /// "Objet de la consultation".
    var object: String
    /// "Commentaire interne": seen by agents only.
    var internalComment: String = ""
    /// "Lieu d'exécution".
    var placeOfExecution: String
    /// Required in standard creation; the simplified form has no such field.
    var cpv: CPVCode?
    /// Empty for a consultation that is not divided ("Consultation non allotie"); two or more otherwise.
    var lots: [ConsultationLot] = []

    // Calendar
    /// "Date limite de remise des plis": deposits are accepted strictly before this second.
    var deadline: Int64
    /// "Date de mise en ligne": the consultation is visible to companies from this second, once validated.
    var onlineFrom: Int64

    // Documents and access by companies
    /// SHA-256 (lowercase hex) of the DCE ZIP in the file store, once uploaded.
    var dceSHA256: String?
    /// "Accès restreint - Code d'accès": `nil` for public access.
    var accessCode: String?
    var modalities: ConsultationModalities = .init()

    // Access by agents
    var invitations: [ConsultationInvitation] = []

    // Lifecycle
    var state: ConsultationState = .elaboration
    /// The consultation this one is a suite of ("procédure amont"), if any.
    var previousConsultationID: Int64?

    static let maximumTitleLength = 255
    static let maximumObjectLength = 4000
    static let maximumCommentLength = 4000
    static let maximumPlaceLength = 255
    static let accessCodeLengths = 6...32

    /// Checks every rule of the form, whatever the storage; the first broken rule is reported.
    func validate() throws(DomainError) {
        try Self.requireText(title, field: "intitulé", label: "L'intitulé", maximum: Self.maximumTitleLength)
        try Self.requireText(object, field: "objet", label: "L'objet", maximum: Self.maximumObjectLength)
        guard internalComment.count <= Self.maximumCommentLength else {
            throw .invalidField(
                field: "commentaire interne",
                reason: "Le commentaire interne ne doit pas dépasser \(Self.maximumCommentLength) caractères.")
        }
        try Self.requireText(
            placeOfExecution, field: "lieu d'exécution", label: "Le lieu d'exécution", maximum: Self.maximumPlaceLength)
        if let cpv {
            try cpv.validate(for: category)
        } else if creationMode == .standard {
            throw .invalidField(field: "code CPV", reason: "Le code CPV est obligatoire.")
        }
        try validateLots()
        guard deadline > onlineFrom else {
            throw .invalidField(
                field: "date limite de remise des plis",
                reason: "La date limite de remise des plis doit être postérieure à la date de mise en ligne.")
        }
        if let dceSHA256, !Self.isSHA256Hex(dceSHA256) {
            throw .invalidField(
                field: "DCE", reason: "L'empreinte du DCE doit être un SHA-256 en hexadécimal (64 caractères).")
        }
        if let accessCode {
            guard Self.accessCodeLengths.contains(accessCode.count),
                accessCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else {
                throw .invalidField(
                    field: "code d'accès",
                    reason:
                        "Le code d'accès doit compter de \(Self.accessCodeLengths.lowerBound) à \(Self.accessCodeLengths.upperBound) lettres sans accent ou chiffres."
                )
            }
        }
        try modalities.validate()
        guard Set(invitations.map(\.agentID)).count == invitations.count else {
            throw .invalidField(field: "invités", reason: "Un agent ne peut être invité qu'une fois.")
        }
    }

    private func validateLots() throws(DomainError) {
        guard !lots.isEmpty else { return }
        guard lots.count >= 2 else {
            throw .invalidField(
                field: "lots",
                reason:
                    "Une consultation allotie compte au moins deux lots : ajoutez un lot ou choisissez « non allotie »."
            )
        }
        guard Set(lots.map(\.number)).count == lots.count, lots.allSatisfy({ $0.number >= 1 }) else {
            throw .invalidField(field: "lots", reason: "Les lots sont numérotés à partir de 1, sans doublon.")
        }
        for lot in lots {
            try Self.requireText(
                lot.title, field: "lot \(lot.number)", label: "L'intitulé du lot \(lot.number)",
                maximum: ConsultationLot.maximumTitleLength)
        }
    }

    private static func requireText(_ text: String, field: String, label: String, maximum: Int) throws(DomainError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidField(field: field, reason: "\(label) est obligatoire.")
        }
        guard text.count <= maximum else {
            throw .invalidField(field: field, reason: "\(label) ne doit pas dépasser \(maximum) caractères.")
        }
    }

    private static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
