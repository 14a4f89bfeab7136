import Hummingbird
import PlatformKernel

/// The JSON of `/api/demarches/…`: requests as agents read and change them.
package enum RequestAPIModels {
    package struct Lock: Codable, Sendable {
        package let agentId: Int64
        package let expiresAt: Int64

        package init(agentId: Int64, expiresAt: Int64) {
            self.agentId = agentId
            self.expiresAt = expiresAt
        }
    }

    package struct Summary: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let number: String
        package let teleserviceId: Int64
        package let teleservice: String
        package let requester: String
        package let subject: String
        package let householdId: Int64?
        package let state: RequestState
        package let stateLabel: String
        package let createdAt: Int64
        package let updatedAt: Int64
        package let lastAgentId: Int64?
        /// `urgent` (orange) or `late` (red) while awaiting an agent; `on-time`; absent otherwise.
        package let quality: QualityLevel?

        package init(_ summary: CitizenRequestService.Summary) {
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

    package struct SummaryList: Codable, Sendable, ResponseEncodable {
        package let requests: [Summary]

        package init(requests: [Summary]) {
            self.requests = requests
        }
    }

    package struct TaskBoard: Codable, Sendable, ResponseEncodable {
        package let new: [Summary]
        package let mine: [Summary]
        package let validated: [Summary]
        package let urgent: [Summary]
        package let late: [Summary]

        package init(_ board: CitizenRequestService.TaskBoard) {
            new = board.new.map(Summary.init)
            mine = board.mine.map(Summary.init)
            validated = board.validated.map(Summary.init)
            urgent = board.urgent.map(Summary.init)
            late = board.late.map(Summary.init)
        }
    }

    package struct Document: Codable, Sendable, ResponseEncodable {
        package let documentId: Int64
        package let kind: String
        package let fileName: String
        package let state: DocumentState
        package let stateLabel: String
        package let validUntil: CivilDate?
        package let comment: String

        package init(_ document: RequestDocument) {
            documentId = document.document.id ?? 0
            kind = document.document.kind
            fileName = document.document.fileName
            state = document.state
            stateLabel = document.state.label
            validUntil = document.validUntil
            comment = document.comment
        }
    }

    package struct Note: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let kind: RequestNote.Kind
        package let agentId: Int64?
        package let text: String
        package let createdAt: Int64

        package init(_ note: RequestNote) {
            id = note.id ?? 0
            kind = note.kind
            agentId = note.agentID
            text = note.text
            createdAt = note.createdAt
        }
    }

    package struct HistoryLine: Codable, Sendable {
        package let at: Int64
        package let author: String
        package let action: String
        package let summary: String

        package init(at: Int64, author: String, action: String, summary: String) {
            self.at = at
            self.author = author
            self.action = action
            self.summary = summary
        }
    }

    package struct Detail: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let number: String
        package let teleserviceId: Int64
        package let teleservice: String
        package let categoryId: Int64
        package let seasonId: Int64?
        package let householdId: Int64?
        package let requester: String
        package let subject: String
        package let state: RequestState
        package let stateLabel: String
        package let dataState: RequestDataState
        package let data: [String: [String]]
        package let createdAt: Int64
        package let updatedAt: Int64
        package let validatedAt: Int64?
        package let lastAgentId: Int64?
        package let lock: Lock?
        package let quality: QualityLevel?
        package let allowedStates: [RequestState]
        package let right: CategoryRight
        package let editable: Bool
        package let documents: [Document]
        package let requiredDocuments: [String]
        package let notes: [Note]
        package let history: [HistoryLine]

        package init(_ detail: CitizenRequestService.Detail) {
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

    package struct TransitionBody: Codable, Sendable {
        package let state: RequestState
        package let note: String?

        package init(state: RequestState, note: String?) {
            self.state = state
            self.note = note
        }
    }

    package struct DataStateBody: Codable, Sendable {
        package let state: RequestDataState

        package init(state: RequestDataState) {
            self.state = state
        }
    }

    package struct FieldBody: Codable, Sendable {
        package let values: [String]

        package init(values: [String]) {
            self.values = values
        }
    }

    package struct DocumentChange: Codable, Sendable {
        package let state: DocumentState?
        package let validUntil: CivilDate?
        package let comment: String?

        package init(state: DocumentState?, validUntil: CivilDate?, comment: String?) {
            self.state = state
            self.validUntil = validUntil
            self.comment = comment
        }
    }

    package struct NewNote: Codable, Sendable {
        package let kind: RequestNote.Kind
        package let text: String

        package init(kind: RequestNote.Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }
}
