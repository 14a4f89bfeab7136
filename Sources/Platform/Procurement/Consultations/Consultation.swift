import Foundation
import PlatformKernel

/// A consultation (call for tenders) as the agent fills it in, with its place in the lifecycle.
///
/// Times are whole seconds since 1970, UTC, as everywhere in the platform's storage.
package struct Consultation: Codable, Sendable, Equatable {
    /// Assigned by the store; `nil` before the consultation is saved.
    package var id: Int64?
    package var reference: ConsultationReference
    /// "Service de rattachement": the service that owns the consultation; its agents have access.
    package var organisationID: Int64
    /// The agent who created it.
    package var createdBy: Int64
    package var creationMode: ConsultationCreationMode = .standard

    // Identification
    package var announcementType: AnnouncementType = .consultation
    package var contractType: ContractType
    package var procedureType: ProcedureType
    package var category: ProcurementCategory
    /// "Intitulé de la consultation".
    package var title: String
    /// "Objet de la consultation".
    package var object: String
    /// "Commentaire interne": seen by agents only.
    package var internalComment: String = ""
    /// "Lieu d'exécution".
    package var placeOfExecution: String
    /// Required in standard creation; the simplified form has no such field.
    package var cpv: CPVCode?
    /// Empty for a consultation that is not divided ("Consultation non allotie"); two or more otherwise.
    package var lots: [ConsultationLot] = []

    // Calendar
    /// "Date limite de remise des plis": deposits are accepted strictly before this second.
    package var deadline: Int64
    /// "Date de mise en ligne": the consultation is visible to companies from this second, once validated.
    package var onlineFrom: Int64

    // Documents and access by companies
    /// SHA-256 (lowercase hex) of the DCE ZIP in the file store, once uploaded.
    package var dceSHA256: String?
    /// "Accès restreint - Code d'accès": `nil` for public access.
    package var accessCode: String?
    package var modalities: ConsultationModalities = .init()

    // Access by agents
    package var invitations: [ConsultationInvitation] = []

    // Lifecycle
    package var state: ConsultationState = .elaboration
    /// The consultation this one is a suite of ("procédure amont"), if any.
    package var previousConsultationID: Int64?

    package init(
        id: Int64? = nil, reference: ConsultationReference, organisationID: Int64, createdBy: Int64,
        creationMode: ConsultationCreationMode = .standard, announcementType: AnnouncementType = .consultation,
        contractType: ContractType, procedureType: ProcedureType, category: ProcurementCategory, title: String,
        object: String, internalComment: String = "", placeOfExecution: String, cpv: CPVCode? = nil,
        lots: [ConsultationLot] = [], deadline: Int64, onlineFrom: Int64, dceSHA256: String? = nil,
        accessCode: String? = nil, modalities: ConsultationModalities = .init(),
        invitations: [ConsultationInvitation] = [], state: ConsultationState = .elaboration,
        previousConsultationID: Int64? = nil
    ) {
        self.id = id
        self.reference = reference
        self.organisationID = organisationID
        self.createdBy = createdBy
        self.creationMode = creationMode
        self.announcementType = announcementType
        self.contractType = contractType
        self.procedureType = procedureType
        self.category = category
        self.title = title
        self.object = object
        self.internalComment = internalComment
        self.placeOfExecution = placeOfExecution
        self.cpv = cpv
        self.lots = lots
        self.deadline = deadline
        self.onlineFrom = onlineFrom
        self.dceSHA256 = dceSHA256
        self.accessCode = accessCode
        self.modalities = modalities
        self.invitations = invitations
        self.state = state
        self.previousConsultationID = previousConsultationID
    }

    package static let maximumTitleLength = 255
    package static let maximumObjectLength = 4000
    package static let maximumCommentLength = 4000
    package static let maximumPlaceLength = 255
    package static let accessCodeLengths = 6...32

    /// Checks every rule of the form, whatever the storage; the first broken rule is reported.
    package func validate() throws(DomainError) {
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
