import SQLKit

/// Reads and writes the ``EncryptionKey``s of services.
package struct EncryptionKeyRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        package let id: Int64
        package let organisationId: Int64
        package let kind: String
        package let name: String
        package let certificatePem: String
        package let subjectCommonName: String
        package let notAfter: Int64
        package let fingerprint: String
    }

    /// Saves a new key; the same certificate cannot be added twice to one service.
    package func add(_ key: EncryptionKey) async throws -> EncryptionKey {
        try key.validate()
        let existing = try await sql.select().column("id").from("encryption_keys")
            .where("organisation_id", .equal, key.organisationID).where("fingerprint", .equal, key.fingerprint)
            .first()
        if existing != nil {
            throw DomainError.conflict(reason: "Ce certificat est déjà une clé de ce service.")
        }
        let id = try await sql.insert(into: "encryption_keys")
            .columns(
                "organisation_id", "kind", "name", "certificate_pem", "subject_common_name", "not_after",
                "fingerprint", "created_at"
            )
            .values(
                SQLBind(key.organisationID), SQLBind(key.kind.rawValue), SQLBind(key.name),
                SQLBind(key.certificatePEM), SQLBind(key.subjectCommonName), SQLBind(key.notAfter),
                SQLBind(key.fingerprint), SQLBind(Timestamp.now())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = key
        saved.id = id
        return saved
    }

    /// The keys held by these organisations, by name.
    package func keys(of organisationIDs: [Int64]) async throws -> [EncryptionKey] {
        guard !organisationIDs.isEmpty else { return [] }
        return try await select().where("organisation_id", .in, organisationIDs)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    package func find(_ id: Int64) async throws -> EncryptionKey? {
        try await select().where("id", .equal, id).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .flatMap(Self.model)
    }

    /// Renames a key or changes its kind.
    package func update(_ key: EncryptionKey) async throws {
        try key.validate()
        guard let id = key.id else { throw DomainError.notFound(what: "Clé") }
        try await sql.update("encryption_keys").set("name", to: key.name).set("kind", to: key.kind.rawValue)
            .where("id", .equal, id).run()
    }

    package func delete(_ id: Int64) async throws {
        try await sql.delete(from: "encryption_keys").where("id", .equal, id).run()
    }

    private func select() -> SQLSelectBuilder {
        sql.select()
            .columns(
                "id", "organisation_id", "kind", "name", "certificate_pem", "subject_common_name", "not_after",
                "fingerprint"
            )
            .from("encryption_keys").orderBy("name")
    }

    private static func model(_ row: Row) -> EncryptionKey? {
        guard let kind = EncryptionKey.Kind(rawValue: row.kind) else { return nil }
        return EncryptionKey(
            id: row.id, organisationID: row.organisationId, kind: kind, name: row.name,
            certificatePEM: row.certificatePem, subjectCommonName: row.subjectCommonName, notAfter: row.notAfter,
            fingerprint: row.fingerprint)
    }
}
