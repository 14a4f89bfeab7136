import SQLKit

/// Reads and writes ``Organisation``s on one connection or transaction.
struct OrganisationRepository {
    let sql: any SQLDatabase

    private struct Row: Codable {
        let id: Int64
        let parentId: Int64?
        let name: String
        let address: String
        let phone: String
        let fax: String
        let organisationType: String
    }

    /// Validates and saves a new organisation; returns it with its identifier.
    func create(_ organisation: Organisation) async throws -> Organisation {
        try organisation.validate()
        let id = try await sql.insert(into: "organisations")
            .columns("parent_id", "name", "address", "phone", "fax", "organisation_type", "created_at")
            .values(
                SQLBind(organisation.parentID), SQLBind(organisation.name), SQLBind(organisation.address),
                SQLBind(organisation.phone), SQLBind(organisation.fax), SQLBind(organisation.type.rawValue),
                SQLBind(Timestamp.now())
            )
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        var saved = organisation
        saved.id = id
        return saved
    }

    /// The top-level public entities, by name.
    func entities() async throws -> [Organisation] {
        try await select().where("parent_id", .is, SQLLiteral.null).all(
            decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(Self.model)
    }

    /// The direct services of an organisation, by name.
    func children(of id: Int64) async throws -> [Organisation] {
        try await select().where("parent_id", .equal, id).all(
            decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(Self.model)
    }

    /// The top-level entity with this exact name, if any.
    func entity(named name: String) async throws -> Organisation? {
        try await select().where("parent_id", .is, SQLLiteral.null).where("name", .equal, name)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    private func select() -> SQLSelectBuilder {
        sql.select()
            .columns("id", "parent_id", "name", "address", "phone", "fax", "organisation_type")
            .from("organisations").orderBy("name")
    }

    private static func model(_ row: Row) -> Organisation? {
        guard let type = OrganisationType(rawValue: row.organisationType) else { return nil }
        return Organisation(
            id: row.id, parentID: row.parentId, name: row.name, address: row.address, phone: row.phone,
            fax: row.fax, type: type)
    }
}
