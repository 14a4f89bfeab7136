/// The demonstration data of `make run`: one public entity and a small tree of services.
enum DemoData {
    static let entityName = "Ville de Démonstration"

    /// Loads the demo tree unless the entity already exists; returns whether it was created.
    static func load(into database: Database) async throws -> Bool {
        try await database.transaction { sql in
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
            return true
        }
    }
}
