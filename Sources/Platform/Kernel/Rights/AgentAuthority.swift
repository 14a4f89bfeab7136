/// Everything an agent holds: the organisation they belong to, their administration and management
/// rights (valid on that organisation and its whole subtree), and their procurement roles per service.
package struct AgentAuthority: Sendable, Equatable {
    package let agentID: Int64
    /// The organisation the agent belongs to; their administration rights start here.
    package let homeOrganisationID: Int64
    package var administrationRights: Set<AdministrationRight> = []
    package var managementRights: Set<ManagementRight> = []
    /// Roles by the identifier of the service they are held in.
    package var roles: [Int64: Set<ProcurementRole>] = [:]

    package init(
        agentID: Int64, homeOrganisationID: Int64, administrationRights: Set<AdministrationRight> = [],
        managementRights: Set<ManagementRight> = [], roles: [Int64: Set<ProcurementRole>] = [:]
    ) {
        self.agentID = agentID
        self.homeOrganisationID = homeOrganisationID
        self.administrationRights = administrationRights
        self.managementRights = managementRights
        self.roles = roles
    }

    /// Where `target` stands relative to the agent's organisation.
    package func relation(to target: OrganisationPath) -> OrganisationRelation {
        guard let index = target.ids.firstIndex(of: homeOrganisationID) else { return .outside }
        return index == target.ids.count - 1 ? .home : .subEntity
    }

    /// The rights the agent's roles give on consultations of `service`: roles held in the service or
    /// in any organisation above it count, each with the rights of its organisation's type.
    package func consultationRights(on service: OrganisationPath) -> Set<ConsultationRight> {
        var rights: Set<ConsultationRight> = []
        for organisation in service.organisations {
            guard let id = organisation.id, let held = roles[id] else { continue }
            for role in held { rights.formUnion(role.rights(in: organisation.type)) }
        }
        return rights
    }
}

/// How an organisation stands relative to an agent's own.
package enum OrganisationRelation: Sendable, Equatable {
    /// The agent's own organisation.
    case home
    /// Below the agent's organisation, at any depth.
    case subEntity
    /// Elsewhere: another entity, or above the agent's organisation.
    case outside
}

/// An organisation with its ancestors, from the top-level entity down to it.
package struct OrganisationPath: Sendable, Equatable {
    /// Root first, the organisation itself last; never empty.
    package let organisations: [Organisation]

    package init(organisations: [Organisation]) {
        self.organisations = organisations
    }

    package var ids: [Int64] { organisations.compactMap(\.id) }
    package var target: Organisation { organisations[organisations.count - 1] }
    /// The top-level public entity the organisation belongs to.
    package var entity: Organisation { organisations[0] }
}
