import SQLKit

extension OrganisationRepository {
    /// The organisation with this identifier, if any.
    package func find(_ id: Int64) async throws -> Organisation? {
        try await organisationSelect().where("id", .equal, id)
            .first(decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(\.model)
    }

    /// The organisation and its ancestors, root first; throws when it does not exist.
    package func path(to id: Int64) async throws -> OrganisationPath {
        var chain: [Organisation] = []
        var next: Int64? = id
        while let current = next {
            guard let organisation = try await find(current) else {
                throw DomainError.notFound(what: "Organisation \(current)")
            }
            chain.append(organisation)
            next = organisation.parentID
            if chain.count > 1000 { throw StorageError.corruptTree(organisationID: id) }
        }
        return OrganisationPath(organisations: chain.reversed())
    }

    /// The identifiers of `id` and of every organisation below it.
    package func subtreeIDs(of id: Int64) async throws -> [Int64] {
        var result: [Int64] = []
        var frontier = [id]
        while let current = frontier.popLast() {
            result.append(current)
            frontier += try await children(of: current).compactMap(\.id)
        }
        return result
    }

    /// Saves the changeable fields (name, address, phone, fax); the type and the parent never change.
    package func update(_ organisation: Organisation) async throws {
        try organisation.validate()
        guard let id = organisation.id else { throw DomainError.notFound(what: "Organisation") }
        try await sql.update("organisations")
            .set("name", to: organisation.name).set("address", to: organisation.address)
            .set("phone", to: organisation.phone).set("fax", to: organisation.fax)
            .where("id", .equal, id).run()
    }

    /// Deletes an organisation that has no service, no agent and no encryption key left.
    package func delete(_ id: Int64) async throws {
        for (table, what) in [
            ("organisations", "des services"), ("agents", "des agents"), ("encryption_keys", "des clés de chiffrement"),
        ] {
            let column = table == "organisations" ? "parent_id" : "organisation_id"
            let count =
                try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(table).where(SQLIdentifier(column), .equal, SQLBind(id))
                .first(decodingColumn: "n", as: Int64.self) ?? 0
            if count > 0 {
                throw DomainError.conflict(
                    reason: "Cette organisation a encore \(what) : supprimez-les avant de supprimer l'organisation.")
            }
        }
        try await sql.delete(from: "organisations").where("id", .equal, id).run()
    }
}
