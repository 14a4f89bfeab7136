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

/// Everything an agent holds on requests: a right per category of their entity, or everything in their
/// entity as an administrator of its requests, or everywhere as a platform super-administrator.
package struct RequestAgentRights: Sendable, Equatable {
    package let agentID: Int64
    /// Administrator of the requests of the agent's entity.
    package var isAdministrator = false
    package var byCategory: [Int64: CategoryRight] = [:]
    /// The entity (top-level organisation) the agent works for; `nil` when unknown.
    package var entityID: Int64?
    /// The categories of the agent's entity: outside them the agent holds nothing, whatever `byCategory`
    /// says; `nil` puts no entity limit (rules tested alone, platform super-administrators).
    package var entityCategories: Set<Int64>?
    /// « Superadministrateur »: manages every entity's requests.
    package var isPlatformAdministrator = false

    package init(
        agentID: Int64, isAdministrator: Bool = false, byCategory: [Int64: CategoryRight] = [:],
        entityID: Int64? = nil, entityCategories: Set<Int64>? = nil, isPlatformAdministrator: Bool = false
    ) {
        self.agentID = agentID
        self.isAdministrator = isAdministrator
        self.byCategory = byCategory
        self.entityID = entityID
        self.entityCategories = entityCategories
        self.isPlatformAdministrator = isPlatformAdministrator
    }

    /// Whether the agent administers the requests (of their entity, or of every entity).
    package var administers: Bool { isAdministrator || isPlatformAdministrator }

    package func right(in categoryID: Int64) -> CategoryRight {
        if isPlatformAdministrator { return .manage }
        if let entityCategories, !entityCategories.contains(categoryID) { return CategoryRight.none }
        return isAdministrator ? .manage : byCategory[categoryID] ?? CategoryRight.none
    }

    /// Whether the agent holds at least `needed` on some category of their entity.
    package func holdsSomewhere(_ needed: CategoryRight) -> Bool {
        administers || byCategory.contains { right(in: $0.key) >= needed && $0.value >= needed }
    }

    /// Whether the agent may see what belongs to `entityID` (a household, a template): their own entity's, or
    /// any for a platform super-administrator.
    package func sees(entity entityID: Int64?) -> Bool {
        isPlatformAdministrator || self.entityID == nil || entityID == self.entityID
    }

    /// Who the agent is in the request workflow of the category: managers (and administrators) also archive.
    package func mover(in categoryID: Int64) -> RequestWorkflow.Mover {
        right(in: categoryID) >= .manage ? .manager : .agent
    }

    /// The categories the agent may at least read; `nil` for all (platform super-administrator, or an
    /// administrator with no entity limit).
    package var readableCategories: Set<Int64>? {
        if isPlatformAdministrator { return nil }
        if isAdministrator { return entityCategories }
        return Set(byCategory.keys.filter { right(in: $0) >= .read })
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
        guard administers else {
            throw .forbidden(reason: "Seul un administrateur des démarches peut faire cela.")
        }
    }
}
