import Hummingbird

/// The JSON of `/api/demarches/…`: requests as agents read and change them.
enum RequestAPIModels {
    struct Lock: Codable, Sendable {
        let agentId: Int64
        let expiresAt: Int64
    }

    struct Summary: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let number: String
        let teleserviceId: Int64
        let teleservice: String
        let requester: String
        let subject: String
        let householdId: Int64?
        let state: RequestState
        let stateLabel: String
        let createdAt: Int64
        let updatedAt: Int64
        let lastAgentId: Int64?
        /// `urgent` (orange) or `late` (red) while awaiting an agent; `on-time`; absent otherwise.
        let quality: QualityLevel?

        init(_ summary: CitizenRequestService.Summary) {
            let request = summary.request
            id = request.id ?? 0
            number = request.number
            teleserviceId = request.teleserviceID
            teleservice = summary.teleserviceName
            requester = request.requesterName
            subject = request.subjectName
            householdId = request.householdID
            state = request.state
            stateLabel = request.state.label
            createdAt = request.createdAt
            updatedAt = request.updatedAt
            lastAgentId = request.lastAgentID
            quality = summary.quality
        }
    }

    struct SummaryList: Codable, Sendable, ResponseEncodable {
        let requests: [Summary]
    }

    struct TaskBoard: Codable, Sendable, ResponseEncodable {
        let new: [Summary]
        let mine: [Summary]
        let validated: [Summary]
        let urgent: [Summary]
        let late: [Summary]

        init(_ board: CitizenRequestService.TaskBoard) {
            new = board.new.map(Summary.init)
            mine = board.mine.map(Summary.init)
            validated = board.validated.map(Summary.init)
            urgent = board.urgent.map(Summary.init)
            late = board.late.map(Summary.init)
        }
    }

    struct Document: Codable, Sendable, ResponseEncodable {
        let documentId: Int64
        let kind: String
        let fileName: String
        let state: DocumentState
        let stateLabel: String
        let validUntil: CivilDate?
        let comment: String

        init(_ document: RequestDocument) {
            documentId = document.document.id ?? 0
            kind = document.document.kind
            fileName = document.document.fileName
            state = document.state
            stateLabel = document.state.label
            validUntil = document.validUntil
            comment = document.comment
        }
    }

    struct Note: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let kind: RequestNote.Kind
        let agentId: Int64?
        let text: String
        let createdAt: Int64

        init(_ note: RequestNote) {
            id = note.id ?? 0
            kind = note.kind
            agentId = note.agentID
            text = note.text
            createdAt = note.createdAt
        }
    }

    struct HistoryLine: Codable, Sendable {
        let at: Int64
        let author: String
        let action: String
        let summary: String
    }

    struct Detail: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let number: String
        let teleserviceId: Int64
        let teleservice: String
        let categoryId: Int64
        let seasonId: Int64?
        let householdId: Int64?
        let requester: String
        let subject: String
        let state: RequestState
        let stateLabel: String
        let dataState: RequestDataState
        let data: [String: [String]]
        let createdAt: Int64
        let updatedAt: Int64
        let validatedAt: Int64?
        let lastAgentId: Int64?
        let lock: Lock?
        let quality: QualityLevel?
        let allowedStates: [RequestState]
        let right: CategoryRight
        let editable: Bool
        let documents: [Document]
        let requiredDocuments: [String]
        let notes: [Note]
        let history: [HistoryLine]

        init(_ detail: CitizenRequestService.Detail) {
            let request = detail.request
            id = request.id ?? 0
            number = request.number
            teleserviceId = request.teleserviceID
            teleservice = detail.teleservice.name
            categoryId = request.categoryID
            seasonId = request.seasonID
            householdId = request.householdID
            requester = request.requesterName
            subject = request.subjectName
            state = request.state
            stateLabel = request.state.label
            dataState = request.dataState
            data = request.data
            createdAt = request.createdAt
            updatedAt = request.updatedAt
            validatedAt = request.validatedAt
            lastAgentId = request.lastAgentID
            lock = request.lock.map { Lock(agentId: $0.agentID, expiresAt: $0.expiresAt) }
            quality = detail.quality
            allowedStates = detail.allowedStates
            right = detail.right
            editable = detail.editable
            documents = detail.documents.map(Document.init)
            requiredDocuments = detail.teleservice.requiredDocuments
            notes = detail.notes.map(Note.init)
            history = detail.history.map {
                HistoryLine(at: $0.at, author: $0.author.description, action: $0.action, summary: $0.summary)
            }
        }
    }

    struct TransitionBody: Codable, Sendable {
        let state: RequestState
        let note: String?
    }

    struct DataStateBody: Codable, Sendable {
        let state: RequestDataState
    }

    struct FieldBody: Codable, Sendable {
        let values: [String]
    }

    struct DocumentChange: Codable, Sendable {
        let state: DocumentState?
        let validUntil: CivilDate?
        let comment: String?
    }

    struct NewNote: Codable, Sendable {
        let kind: RequestNote.Kind
        let text: String
    }
}
