import SQLKit

/// Reads and writes ``Organisation``s on one connection or transaction.
struct OrganisationRepository {
    let sql: any SQLDatabase

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
        try await organisationSelect().where("parent_id", .is, SQLLiteral.null).all(
            decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(\.model)
    }

    /// The direct services of an organisation, by name.
    func children(of id: Int64) async throws -> [Organisation] {
        try await organisationSelect().where("parent_id", .equal, id).all(
            decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(\.model)
    }

    /// The top-level entity with this exact name, if any.
    func entity(named name: String) async throws -> Organisation? {
        try await organisationSelect().where("parent_id", .is, SQLLiteral.null).where("name", .equal, name)
            .first(decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(\.model)
    }

    /// The columns of ``OrganisationRow``, ordered by name.
    func organisationSelect() -> SQLSelectBuilder {
        sql.select()
            .columns("id", "parent_id", "name", "address", "phone", "fax", "organisation_type")
            .from("organisations").orderBy("name")
    }
}

/// One row of `organisations`.
struct OrganisationRow: Codable {
    let id: Int64
    let parentId: Int64?
    let name: String
    let address: String
    let phone: String
    let fax: String
    let organisationType: String

    /// The organisation, or `nil` when the stored type is unknown to this version.
    var model: Organisation? {
        guard let type = OrganisationType(rawValue: organisationType) else { return nil }
        return Organisation(
            id: id, parentID: parentId, name: name, address: address, phone: phone, fax: fax, type: type)
    }
}
