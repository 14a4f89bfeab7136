import PlatformKernel

/// What an agent may do on the requests of one category (CapDémat "Profils et droits"), each level
/// including the ones before it.
package enum CategoryRight: String, Codable, CaseIterable, Sendable, Comparable {
    /// "Pas d'accès": the category's requests do not exist for the agent.
    case none
    /// "Consultation": read only.
    case read
    /// "Modification": instruct the requests.
    case write
    /// "Management": write, plus the teleservices' configuration, statistics and taking over locks.
    case manage

    package var label: String {
        switch self {
        case .none: "Pas d'accès"
        case .read: "Consultation"
        case .write: "Modification"
        case .manage: "Management"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: CategoryRight, rhs: CategoryRight) -> Bool { lhs.rank < rhs.rank }
}

/// Everything an agent holds on requests: a right per category, or everything as a platform administrator.
package struct RequestAgentRights: Sendable, Equatable {
    package let agentID: Int64
    package var isAdministrator = false
    package var byCategory: [Int64: CategoryRight] = [:]

    package func right(in categoryID: Int64) -> CategoryRight {
        isAdministrator ? .manage : byCategory[categoryID] ?? CategoryRight.none
    }

    /// Who the agent is in the request workflow of the category: managers (and administrators) also archive.
    package func mover(in categoryID: Int64) -> RequestWorkflow.Mover {
        right(in: categoryID) >= .manage ? .manager : .agent
    }

    /// The categories the agent may at least read; `nil` for all (administrator).
    package var readableCategories: Set<Int64>? {
        isAdministrator ? nil : Set(byCategory.filter { $0.value >= .read }.keys)
    }

    /// Returns normally when the agent holds `needed` in the category. Without any access, the request
    /// does not exist for them (404, as elsewhere on the platform); with too little, a 403 naming the right.
    package func require(_ needed: CategoryRight, in categoryID: Int64, what: String = "Demande") throws(DomainError) {
        let held = right(in: categoryID)
        guard held >= .read else { throw .notFound(what: what) }
        guard held >= needed else {
            throw .forbidden(
                reason:
                    "Vous avez le droit « \(held.label) » sur cette catégorie : il faut le droit « \(needed.label) ». Demandez-le à un administrateur."
            )
        }
    }

    package func requireAdministrator() throws(DomainError) {
        guard isAdministrator else {
            throw .forbidden(reason: "Seul un administrateur des démarches peut faire cela.")
        }
    }
}
