import Hummingbird

/// The JSON bodies of the consultation API (see docs/openapi.yaml). Times are whole seconds since 1970, UTC.
extension APIModels {
    /// A consultation to create, or the new content of one in elaboration.
    struct ConsultationInput: Codable, Sendable {
        /// `standard` (default) or `simplifiee`.
        var mode: ConsultationCreationMode?
        /// The service of the consultation; ignored on modification.
        var organisationId: Int64
        var reference: String
        var contractType: ContractType
        var procedureType: ProcedureType
        var category: ProcurementCategory
        var title: String
        var object: String
        var internalComment: String?
        var placeOfExecution: String
        var cpv: String?
        var deadline: Int64
        var onlineFrom: Int64?
        var accessCode: String?
        var modalities: ConsultationModalities?
        var lots: [ConsultationLot]?
        /// Agents of the entity invited beyond those of the service; absent keeps the current ones.
        var invitations: [ConsultationInvitation]?

        var draft: ConsultationDraft {
            ConsultationDraft(
                mode: mode ?? .standard, organisationID: organisationId, reference: reference,
                contractType: contractType, procedureType: procedureType, category: category, title: title,
                object: object, internalComment: internalComment ?? "", placeOfExecution: placeOfExecution, cpv: cpv,
                deadline: deadline, onlineFrom: onlineFrom, accessCode: accessCode,
                modalities: modalities ?? .init(), lots: lots ?? [], invitations: invitations)
        }
    }

    /// A consultation as the agent may see it.
    struct ConsultationView: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let reference: String
        let organisationId: Int64
        let createdBy: Int64
        let mode: ConsultationCreationMode
        let contractType: ContractType
        let procedureType: ProcedureType
        let category: ProcurementCategory
        let title: String
        let object: String
        let internalComment: String
        let placeOfExecution: String
        let cpv: String?
        let deadline: Int64
        let onlineFrom: Int64
        let accessCode: String?
        let modalities: ConsultationModalities
        let lots: [ConsultationLot]
        let invitations: [ConsultationInvitation]
        let state: ConsultationState
        let stateLabel: String
        let previousConsultationId: Int64?

        init(_ consultation: Consultation) {
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
    struct StateChangeView: Codable, Sendable, ResponseEncodable {
        let from: ConsultationState?
        let to: ConsultationState
        let agentId: Int64
        let at: Int64
        let comment: String

        init(_ change: ConsultationStateChange) {
            from = change.from
            to = change.to
            agentId = change.agentID
            at = change.at
            comment = change.comment
        }
    }

    /// A consultation with its history, decisions in force and the actions open to the agent now.
    struct ConsultationDetail: Codable, Sendable, ResponseEncodable {
        let consultation: ConsultationView
        let serviceName: String
        let history: [StateChangeView]
        let decisions: [ConsultationDecision]
        let actions: [ConsultationAction]

        init(_ file: ConsultationFile) {
            consultation = ConsultationView(file.consultation)
            serviceName = file.serviceName
            history = file.history.map(StateChangeView.init)
            decisions = file.decisions
            actions = file.actions
        }
    }

    /// The optional comment of a state change; `lot` only for resetting one lot's decision.
    struct TransitionInput: Codable, Sendable {
        var comment: String?
        var lot: Int?
    }

    /// The decisions of the "Décision" step: one per lot, or one without lot.
    struct DecisionInput: Codable, Sendable {
        let decisions: [ConsultationDecision]
        var comment: String?
    }

    /// "Créer une suite": the new consultation's reference.
    struct SuiteInput: Codable, Sendable {
        let reference: String
    }
}
