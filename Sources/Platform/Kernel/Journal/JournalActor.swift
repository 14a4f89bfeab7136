/// Who caused a journal entry: an agent of a public entity, a company's account, or the platform itself.
package enum JournalActor: Hashable, Sendable, CustomStringConvertible {
    case system
    case agent(Int64)
    case company(Int64)

    /// The stored and hashed form: `system`, `agent:12` or `company:7`.
    package var description: String {
        switch self {
        case .system: "system"
        case .agent(let id): "agent:\(id)"
        case .company(let id): "company:\(id)"
        }
    }

    /// Reads the form written by ``description``; `nil` for anything else.
    package init?(_ text: String) {
        if text == "system" {
            self = .system
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "agent": self = .agent(id)
        case "company": self = .company(id)
        default: return nil
        }
    }
}
