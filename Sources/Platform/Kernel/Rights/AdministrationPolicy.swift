/// The administration rules of the seed (achatpublic.com manual, §2.4 and §4.2): who may create
/// agents, grant rights and roles, and create or change organisations. Each check returns normally
/// or throws ``DomainError/forbidden(reason:)`` naming what is missing.
package struct AdministrationPolicy: Sendable {
    package let actor: AgentAuthority

    package init(actor: AgentAuthority) {
        self.actor = actor
    }

    /// May the actor create, modify or delete agents of `organisation`, and set their roles?
    package func checkManageAgents(in organisation: OrganisationPath) throws(DomainError) {
        switch actor.relation(to: organisation) {
        case .home: try require(.createUsers)
        case .subEntity: try require(.createSubEntityUsers)
        case .outside: throw .forbidden(reason: "Cette organisation n'est pas dans votre périmètre d'administration.")
        }
    }

    /// May the actor give `rights` to an agent of `organisation`? Only rights the actor holds.
    package func checkGrant(_ rights: Set<AdministrationRight>, in organisation: OrganisationPath) throws(DomainError) {
        guard !rights.isEmpty else { return }
        switch actor.relation(to: organisation) {
        case .home: try require(.createAdministrators)
        case .subEntity: try require(.createSubEntityAdministrators)
        case .outside: throw .forbidden(reason: "Cette organisation n'est pas dans votre périmètre d'administration.")
        }
        let missing = rights.subtracting(actor.administrationRights)
        if !missing.isEmpty {
            throw .forbidden(
                reason: "Vous ne pouvez attribuer que les droits que vous détenez vous-même ; il vous manque : "
                    + Self.labels(missing.map(\.label)) + ".")
        }
    }

    /// May the actor give supervision rights to an agent of `organisation`? Only rights the actor holds.
    package func checkGrant(_ rights: Set<ManagementRight>, in organisation: OrganisationPath) throws(DomainError) {
        guard !rights.isEmpty else { return }
        try checkManageAgents(in: organisation)
        let missing = rights.subtracting(actor.managementRights)
        if !missing.isEmpty {
            throw .forbidden(
                reason: "Vous ne pouvez attribuer que les droits que vous détenez vous-même ; il vous manque : "
                    + Self.labels(missing.map(\.label)) + ".")
        }
    }

    /// May the actor give `role` in `service`? The role must exist for the service's organisation type,
    /// and the service must have an encryption key, its own or one inherited from above.
    package func checkGrant(_ role: ProcurementRole, in service: OrganisationPath, serviceHasKey: Bool)
        throws(DomainError)
    {
        try checkManageAgents(in: service)
        guard ProcurementRole.available(in: service.target.type).contains(role) else {
            throw .invalidField(
                field: "rôle",
                reason: "Le rôle \(role.label) n'existe pas pour une organisation de type \(service.target.type.label)."
            )
        }
        guard serviceHasKey else {
            throw .forbidden(
                reason: "Aucun rôle ne peut être attribué dans « \(service.target.name) » tant que ce service n'a pas "
                    + "de clé de chiffrement (la sienne ou celle d'une entité parente). Ajoutez d'abord une clé.")
        }
    }

    /// May the actor change the roles of an agent of `organisation`? Only an agent of their own administered
    /// subtree: never one of an organisation above or beside it, even in a service the actor administers.
    package func checkManageRoles(ofAgentIn organisation: OrganisationPath) throws(DomainError) {
        guard actor.relation(to: organisation) != .outside else {
            throw .forbidden(
                reason: "Cet agent n'est pas dans votre périmètre d'administration : seul un administrateur de son "
                    + "organisation peut changer ses rôles.")
        }
        try checkManageAgents(in: organisation)
    }

    /// May the actor give or withdraw `roles` in `service`? « Grant only what you hold »: every right a role
    /// gives in the service must be among the rights the actor's own roles give there (roles held in the
    /// service or in an organisation above it). Comparing rights, not names, covers the organisation types:
    /// the PRM of a large city may give « PRM / PCAO » in a small service below, while a large service's buyer
    /// may not make someone buyer of a medium service (who may validate there).
    package func checkGrant(roles: Set<ProcurementRole>, in service: OrganisationPath) throws(DomainError) {
        let missing = roles.filter { !mayGrant($0, in: service) }
        guard missing.isEmpty else {
            throw .forbidden(
                reason: "Vous ne pouvez attribuer que les rôles que vous détenez vous-même sur ce service ou au-dessus."
                    + " Il vous manque pour cela : " + Self.labels(missing.map(\.label))
                    + ". Demandez ce changement à un administrateur qui détient ces rôles.")
        }
    }

    /// Whether the actor holds, on `service`, every right `role` gives there (so may give or withdraw it).
    package func mayGrant(_ role: ProcurementRole, in service: OrganisationPath) -> Bool {
        role.rights(in: service.target.type).isSubset(of: actor.consultationRights(on: service))
    }

    /// May the actor create a sub-entity under `parent`, or modify or delete `parent`'s sub-entities?
    package func checkManageSubEntities(under parent: OrganisationPath) throws(DomainError) {
        guard actor.relation(to: parent) != .outside else {
            throw .forbidden(reason: "Cette organisation n'est pas dans votre périmètre d'administration.")
        }
        try require(.createSubEntities)
    }

    /// May the actor modify `organisation` itself (name, address, phone, fax)?
    package func checkModify(_ organisation: OrganisationPath) throws(DomainError) {
        switch actor.relation(to: organisation) {
        case .home: try require(.createAdministrators)
        case .subEntity: try require(.createSubEntities)
        case .outside: throw .forbidden(reason: "Cette organisation n'est pas dans votre périmètre d'administration.")
        }
    }

    /// May the actor manage the encryption keys of `service`?
    package func checkManageKeys(of service: OrganisationPath) throws(DomainError) {
        try checkModify(service)
    }

    private func require(_ right: AdministrationRight) throws(DomainError) {
        guard actor.administrationRights.contains(right) else {
            throw .forbidden(reason: "Ce droit vous manque : « \(right.label) ». Demandez-le à un administrateur.")
        }
    }

    private static func labels(_ labels: [String]) -> String {
        labels.sorted().map { "« \($0) »" }.joined(separator: ", ")
    }
}
