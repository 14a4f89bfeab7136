import Foundation
import PlatformKernel

/// The columns of `consultations` but `id`, as stored; lots and invitations live in their own tables.
/// The creation time is the first row of the state history.
package struct ConsultationRow: Codable {
    package var organisationId: Int64
    package var createdBy: Int64
    package var reference: String
    package var referenceKey: String
    package var creationMode: String
    package var announcementType: String
    package var contractType: String
    package var procedureType: String
    package var category: String
    package var title: String
    package var object: String
    package var internalComment: String
    package var placeOfExecution: String
    package var cpvCode: String?
    package var deadline: Int64
    package var onlineFrom: Int64
    package var dceSha256: String?
    package var accessCode: String?
    package var electronicResponse: String
    package var signature: String
    package var encryption: Int64
    package var envelopeApplication: Int64
    package var envelopeOffer: Int64
    package var envelopeAnonymity: Int64
    package var openingMode: String
    package var displayedAfterDeadline: Int64
    package var state: String
    package var previousConsultationId: Int64?
    package var searchText: String
    package var updatedAt: Int64

    package static let columns = [
        "id", "organisation_id", "created_by", "reference", "reference_key", "creation_mode", "announcement_type",
        "contract_type", "procedure_type", "category", "title", "object", "internal_comment", "place_of_execution",
        "cpv_code", "deadline", "online_from", "dce_sha256", "access_code", "electronic_response", "signature",
        "encryption", "envelope_application", "envelope_offer", "envelope_anonymity", "opening_mode",
        "displayed_after_deadline", "state", "previous_consultation_id", "search_text", "updated_at",
    ]

    /// The row for `consultation`, written at `now`.
    package init(_ consultation: Consultation, now: Int64) {
        let modalities = consultation.modalities
        organisationId = consultation.organisationID
        createdBy = consultation.createdBy
        reference = consultation.reference.value
        referenceKey = consultation.reference.key
        creationMode = consultation.creationMode.rawValue
        announcementType = consultation.announcementType.rawValue
        contractType = consultation.contractType.rawValue
        procedureType = consultation.procedureType.rawValue
        category = consultation.category.rawValue
        title = consultation.title
        object = consultation.object
        internalComment = consultation.internalComment
        placeOfExecution = consultation.placeOfExecution
        cpvCode = consultation.cpv?.description
        deadline = consultation.deadline
        onlineFrom = consultation.onlineFrom
        dceSha256 = consultation.dceSHA256
        accessCode = consultation.accessCode
        electronicResponse = modalities.electronicResponse.rawValue
        signature = modalities.signature.rawValue
        encryption = modalities.encryption ? 1 : 0
        envelopeApplication = modalities.envelopes.contains(.application) ? 1 : 0
        envelopeOffer = modalities.envelopes.contains(.offer) ? 1 : 0
        envelopeAnonymity = modalities.envelopes.contains(.anonymity) ? 1 : 0
        openingMode = modalities.openingMode.rawValue
        displayedAfterDeadline = modalities.displayedAfterDeadline ? 1 : 0
        state = consultation.state.rawValue
        previousConsultationId = consultation.previousConsultationID
        searchText = Self.fold(
            [consultation.reference.value, consultation.title, consultation.object].joined(separator: " "))
        updatedAt = now
    }

    /// Lower case without accents, so that "ecole" finds "École" on both backends.
    package static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The consultation this row holds; throws when a stored value is no longer understood.
    package func model(id: Int64, lots: [ConsultationLot], invitations: [ConsultationInvitation]) throws -> Consultation
    {
        func decode<T: RawRepresentable<String>>(_ type: T.Type, _ raw: String, _ column: String) throws -> T {
            guard let value = T(rawValue: raw) else {
                throw ConsultationStorageError.unreadableValue(column: column, value: raw, consultationID: id)
            }
            return value
        }
        var envelopes: Set<ConsultationEnvelope> = []
        if envelopeApplication != 0 { envelopes.insert(.application) }
        if envelopeOffer != 0 { envelopes.insert(.offer) }
        if envelopeAnonymity != 0 { envelopes.insert(.anonymity) }
        let modalities = ConsultationModalities(
            electronicResponse: try decode(
                ConsultationModalities.ElectronicResponse.self, electronicResponse, "electronic_response"),
            signature: try decode(ConsultationModalities.Signature.self, signature, "signature"),
            encryption: encryption != 0, envelopes: envelopes,
            openingMode: try decode(ConsultationModalities.OpeningMode.self, openingMode, "opening_mode"),
            displayedAfterDeadline: displayedAfterDeadline != 0)
        return Consultation(
            id: id, reference: try ConsultationReference(reference), organisationID: organisationId,
            createdBy: createdBy,
            creationMode: try decode(ConsultationCreationMode.self, creationMode, "creation_mode"),
            announcementType: try decode(AnnouncementType.self, announcementType, "announcement_type"),
            contractType: try decode(ContractType.self, contractType, "contract_type"),
            procedureType: try decode(ProcedureType.self, procedureType, "procedure_type"),
            category: try decode(ProcurementCategory.self, category, "category"), title: title, object: object,
            internalComment: internalComment, placeOfExecution: placeOfExecution,
            cpv: try cpvCode.map { try CPVCode($0) }, lots: lots, deadline: deadline, onlineFrom: onlineFrom,
            dceSHA256: dceSha256, accessCode: accessCode, modalities: modalities, invitations: invitations,
            state: try decode(ConsultationState.self, state, "state"), previousConsultationID: previousConsultationId)
    }
}

/// A consultation row the code cannot read: written by a newer version, or edited by hand.
package enum ConsultationStorageError: Error, Equatable, CustomStringConvertible {
    case unreadableValue(column: String, value: String, consultationID: Int64?)

    package var description: String {
        switch self {
        case .unreadableValue(let column, let value, let id):
            "Consultation \(id.map(String.init) ?? "?"): unknown value \"\(value)\" in column \(column); upgrade Sceau or fix the row."
        }
    }
}
