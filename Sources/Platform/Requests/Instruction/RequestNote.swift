import PlatformKernel

/// A note on a request.
package struct RequestNote: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, CaseIterable, Sendable {
        /// "Note interne": for agents only.
        case `internal`
        /// "Note usager": written by an agent for the citizen.
        case `public`
        /// Written by the citizen, an answer or a complement.
        case citizen

        package var label: String {
            switch self {
            case .internal: "Note interne"
            case .public: "Note usager"
            case .citizen: "Note du demandeur"
            }
        }
    }

    package var id: Int64?
    package var requestID: Int64
    package var kind: Kind
    /// The writing agent; `nil` for the citizen's notes.
    package var agentID: Int64?
    package var text: String
    package var createdAt: Int64

    package init(
        id: Int64? = nil, requestID: Int64, kind: Kind, agentID: Int64? = nil, text: String, createdAt: Int64
    ) {
        self.id = id
        self.requestID = requestID
        self.kind = kind
        self.agentID = agentID
        self.text = text
        self.createdAt = createdAt
    }

    /// Agents read every note; the citizen reads the public ones and their own.
    package var isVisibleToCitizen: Bool { kind != .internal }

    package func validate() throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field: "Note", reason: "saisissez un texte.") }
        guard trimmed.count <= 4000 else {
            throw .invalidField(field: "Note", reason: "4 000 caractères au plus.")
        }
    }
}
