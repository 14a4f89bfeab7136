import SQLKit

/// Reads and writes ``Organisation``s on one connection or transaction.
package struct OrganisationRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// Validates and saves a new organisation; returns it with its identifier.
    package func create(_ organisation: Organisation) async throws -> Organisation {
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
    package func entities() async throws -> [Organisation] {
        try await organisationSelect().where("parent_id", .is, SQLLiteral.null).all(
            decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(\.model)
    }

    /// The direct services of an organisation, by name.
    package func children(of id: Int64) async throws -> [Organisation] {
        try await organisationSelect().where("parent_id", .equal, id).all(
            decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase
        ).compactMap(\.model)
    }

    /// The top-level entity with this exact name, if any.
    package func entity(named name: String) async throws -> Organisation? {
        try await organisationSelect().where("parent_id", .is, SQLLiteral.null).where("name", .equal, name)
            .first(decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(\.model)
    }

    /// The columns of ``OrganisationRow``, ordered by name.
    package func organisationSelect() -> SQLSelectBuilder {
        sql.select()
            .columns("id", "parent_id", "name", "address", "phone", "fax", "organisation_type")
            .from("organisations").orderBy("name")
    }
}

/// One row of `organisations`.
package struct OrganisationRow: Codable {
    package let id: Int64
    package let parentId: Int64?
    package let name: String
    package let address: String
    package let phone: String
    package let fax: String
    package let organisationType: String

    package init(
        id: Int64, parentId: Int64?, name: String, address: String, phone: String, fax: String, organisationType: String
    ) {
        self.id = id
        self.parentId = parentId
        self.name = name
        self.address = address
        self.phone = phone
        self.fax = fax
        self.organisationType = organisationType
    }

    /// The organisation, or `nil` when the stored type is unknown to this version.
    package var model: Organisation? {
        guard let type = OrganisationType(rawValue: organisationType) else { return nil }
        return Organisation(
            id: id, parentID: parentId, name: name, address: address, phone: phone, fax: fax, type: type)
    }
}
