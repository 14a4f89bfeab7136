import PlatformKernel

/// One line of a request's history ("historique"): what changed, when, by whom.
package struct RequestHistoryEntry: Codable, Sendable, Equatable {
    /// Who made the change: an agent, the citizen, or the platform.
    package enum Author: Codable, Sendable, Equatable, CustomStringConvertible {
        case agent(Int64)
        case citizen(Int64)
        case system

        /// The stored form: `agent:12`, `citizen:3`, `system`.
        package var description: String {
            switch self {
            case .agent(let id): "agent:\(id)"
            case .citizen(let id): "citizen:\(id)"
            case .system: "system"
            }
        }

        package init(_ text: String) {
            let parts = text.split(separator: ":")
            if parts.count == 2, let id = Int64(parts[1]) {
                self = parts[0] == "agent" ? .agent(id) : .citizen(id)
            } else {
                self = .system
            }
        }

        package init(from decoder: any Decoder) throws {
            self.init(try decoder.singleValueContainer().decode(String.self))
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    package var requestID: Int64
    package var at: Int64
    package var author: Author
    /// A `JournalAction` raw value: `request.state-changed`, `request.note-added`…
    package var action: String
    /// A French sentence for the history tab.
    package var summary: String

    package init(requestID: Int64, at: Int64, author: Author, action: String, summary: String) {
        self.requestID = requestID
        self.at = at
        self.author = author
        self.action = action
        self.summary = summary
    }
}
