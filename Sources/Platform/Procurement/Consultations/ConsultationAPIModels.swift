import Hummingbird
import PlatformKernel

/// The JSON bodies of the consultation API (see docs/openapi.yaml). Times are whole seconds since 1970, UTC.
extension APIModels {
    /// A consultation to create, or the new content of one in elaboration.
    package struct ConsultationInput: Codable, Sendable {
        /// `standard` (default) or `simplifiee`.
        package var mode: ConsultationCreationMode?
        /// The service of the consultation; ignored on modification.
        package var organisationId: Int64
        package var reference: String
        package var contractType: ContractType
        package var procedureType: ProcedureType
        package var category: ProcurementCategory
        package var title: String
        package var object: String
        package var internalComment: String?
        package var placeOfExecution: String
        package var cpv: String?
        package var deadline: Int64
        package var onlineFrom: Int64?
        package var accessCode: String?
        package var modalities: ConsultationModalities?
        package var lots: [ConsultationLot]?
        /// Agents of the entity invited beyond those of the service; absent keeps the current ones.
        package var invitations: [ConsultationInvitation]?

        package init(
            mode: ConsultationCreationMode? = nil, organisationId: Int64, reference: String, contractType: ContractType,
            procedureType: ProcedureType, category: ProcurementCategory, title: String, object: String,
            internalComment: String? = nil, placeOfExecution: String, cpv: String? = nil, deadline: Int64,
            onlineFrom: Int64? = nil, accessCode: String? = nil, modalities: ConsultationModalities? = nil,
            lots: [ConsultationLot]? = nil, invitations: [ConsultationInvitation]? = nil
        ) {
            self.mode = mode
            self.organisationId = organisationId
            self.reference = reference
            self.contractType = contractType
            self.procedureType = procedureType
            self.category = category
            self.title = title
            self.object = object
            self.internalComment = internalComment
            self.placeOfExecution = placeOfExecution
            self.cpv = cpv
            self.deadline = deadline
            self.onlineFrom = onlineFrom
            self.accessCode = accessCode
            self.modalities = modalities
            self.lots = lots
            self.invitations = invitations
        }

        package var draft: ConsultationDraft {
            ConsultationDraft(
                mode: mode ?? .standard, organisationID: organisationId, reference: reference,
                contractType: contractType, procedureType: procedureType, category: category, title: title,
                object: object, internalComment: internalComment ?? "", placeOfExecution: placeOfExecution, cpv: cpv,
                deadline: deadline, onlineFrom: onlineFrom, accessCode: accessCode,
                modalities: modalities ?? .init(), lots: lots ?? [], invitations: invitations)
        }
    }

    /// A consultation as the agent may see it.
    package struct ConsultationView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let reference: String
        package let organisationId: Int64
        package let createdBy: Int64
        package let mode: ConsultationCreationMode
        package let contractType: ContractType
        package let procedureType: ProcedureType
        package let category: ProcurementCategory
        package let title: String
        package let object: String
        package let internalComment: String
        package let placeOfExecution: String
        package let cpv: String?
        package let deadline: Int64
        package let onlineFrom: Int64
        package let accessCode: String?
        package let modalities: ConsultationModalities
        package let lots: [ConsultationLot]
        package let invitations: [ConsultationInvitation]
        package let state: ConsultationState
        package let stateLabel: String
        package let previousConsultationId: Int64?

        package init(_ consultation: Consultation) {
            id = consultation.id ?? 0
            reference = consultation.reference.value
            organisationId = consultation.organisationID
            createdBy = consultation.createdBy
            mode = consultation.creationMode
            contractType = consultation.contractType
            procedureType = consultation.procedureType
            category = consultation.category
            title = consultation.title
            object = consultation.object
            internalComment = consultation.internalComment
            placeOfExecution = consultation.placeOfExecution
            cpv = consultation.cpv?.description
            deadline = consultation.deadline
            onlineFrom = consultation.onlineFrom
            accessCode = consultation.accessCode
            modalities = consultation.modalities
            lots = consultation.lots
            invitations = consultation.invitations
            state = consultation.state
            stateLabel = consultation.state.label
            previousConsultationId = consultation.previousConsultationID
        }
    }

    /// One row of the state history.
    package struct StateChangeView: Codable, Sendable, ResponseEncodable {
        package let from: ConsultationState?
        package let to: ConsultationState
        package let agentId: Int64
        package let at: Int64
        package let comment: String

        package init(_ change: ConsultationStateChange) {
            from = change.from
            to = change.to
            agentId = change.agentID
            at = change.at
            comment = change.comment
        }
    }

    /// A consultation with its history, decisions in force and the actions open to the agent now.
    package struct ConsultationDetail: Codable, Sendable, ResponseEncodable {
        package let consultation: ConsultationView
        package let serviceName: String
        package let history: [StateChangeView]
        package let decisions: [ConsultationDecision]
        package let actions: [ConsultationAction]

        package init(_ file: ConsultationFile) {
            consultation = ConsultationView(file.consultation)
            serviceName = file.serviceName
            history = file.history.map(StateChangeView.init)
            decisions = file.decisions
            actions = file.actions
        }
    }

    /// The optional comment of a state change; `lot` only for resetting one lot's decision.
    package struct TransitionInput: Codable, Sendable {
        package var comment: String?
        package var lot: Int?

        package init(comment: String? = nil, lot: Int? = nil) {
            self.comment = comment
            self.lot = lot
        }
    }

    /// The decisions of the "Décision" step: one per lot, or one without lot.
    package struct DecisionInput: Codable, Sendable {
        package let decisions: [ConsultationDecision]
        package var comment: String?

        package init(decisions: [ConsultationDecision], comment: String? = nil) {
            self.decisions = decisions
            self.comment = comment
        }
    }

    /// "Créer une suite": the new consultation's reference.
    package struct SuiteInput: Codable, Sendable {
        package let reference: String

        package init(reference: String) {
            self.reference = reference
        }
    }
}
