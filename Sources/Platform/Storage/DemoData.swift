/// The demonstration data of `make run`: one public entity, a small tree of services, and its
/// administrator `admin` (password ``administratorPassword``) holding every right.
enum DemoData {
    static let entityName = "Ville de Démonstration"
    static let administratorLogin = "admin"
    static let administratorPassword = "sceau-demo"

    /// Loads the demo data unless the entity already exists; returns whether it was created.
    static func load(into database: Database, hasher: PasswordHasher = PasswordHasher()) async throws -> Bool {
        let hash = try await hasher.hash(administratorPassword)
        return try await database.transaction { sql in
            let organisations = OrganisationRepository(sql: sql)
            if try await organisations.entity(named: entityName) != nil { return false }
            let city = try await organisations.create(
                Organisation(
                    name: entityName, address: "1 place de la Mairie, 75000 Paris", phone: "01 23 45 67 89",
                    type: .large))
            let purchasing = try await organisations.create(
                Organisation(parentID: city.id, name: "Direction de la commande publique", type: .large))
            _ = try await organisations.create(
                Organisation(parentID: purchasing.id, name: "Service des travaux", type: .medium))
            _ = try await organisations.create(
                Organisation(parentID: city.id, name: "Centre communal d'action sociale", type: .small))
            let agents = AgentRepository(sql: sql)
            let administrator = try await agents.create(
                Agent(
                    organisationID: city.id ?? 0, civility: .madame, lastName: "Martin", firstName: "Claire",
                    email: "admin@ville-demo.invalid", login: administratorLogin),
                passwordHash: hash)
            try await agents.setRights(
                of: administrator.id ?? 0, administration: Set(AdministrationRight.allCases),
                management: Set(ManagementRight.allCases))
            return true
        }
    }
}
