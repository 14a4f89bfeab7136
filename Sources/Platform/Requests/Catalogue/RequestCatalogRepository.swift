import PlatformKernel
import SQLKit

/// Categories, teleservices, their parameter lists and seasons.
package struct RequestCatalogRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct TeleserviceRow: Decodable {
        package let id: Int64
        package let categoryId: Int64
        package let name: String
        package let online: Int64
        package let requiresAccount: Int64
        package let formJson: String
        package let requiredDocumentsJson: String
        package let qosMaximumDays: Int64?
        package let qosReminderDays: Int64?
    }

    private struct SeasonRow: Decodable {
        package let id: Int64
        package let teleserviceId: Int64
        package let name: String
        package let registrationOpens: String
        package let registrationCloses: String
        package let validationFrom: String
        package let startDay: String
        package let endDay: String
    }

    private struct ListRow: Decodable {
        package let id: Int64
        package let teleserviceId: Int64
        package let name: String
        package let presentation: String
        package let entriesJson: String
    }

    package func addCategory(_ category: RequestCategory) async throws -> RequestCategory {
        try category.validate()
        if try await sql.select().column("id").from("request_categories").where("name", .equal, category.name)
            .first() != nil
        {
            throw DomainError.conflict(reason: "La catégorie « \(category.name) » existe déjà.")
        }
        var entityID = category.entityID
        if entityID == nil { entityID = try await RequestEntityRepository(sql: sql).defaultEntity() }
        let id = try await sql.insert(into: "request_categories").columns("name", "entity_id")
            .values(SQLBind(category.name), SQLBind(entityID))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        return RequestCategory(id: id, name: category.name, entityID: entityID)
    }

    /// Every entity's categories (platform-wide tools; the pages ask for one entity's).
    package func categories() async throws -> [RequestCategory] {
        try await sql.select().columns("id", "name").from("request_categories").orderBy("name")
            .all(decoding: RequestCategory.self)
    }

    /// The categories of one public entity.
    package func categories(of entityID: Int64) async throws -> [RequestCategory] {
        try await sql.select().columns("id", "name").from("request_categories").where("entity_id", .equal, entityID)
            .orderBy("name").all(decoding: RequestCategory.self)
    }

    package func category(_ id: Int64) async throws -> RequestCategory? {
        try await sql.select().columns("id", "name").from("request_categories").where("id", .equal, id)
            .first(decoding: RequestCategory.self)
    }

    /// Gives an existing category a new name, refused (409) when another category bears it.
    package func renameCategory(_ id: Int64, to name: String) async throws {
        if try await sql.select().column("id").from("request_categories").where("name", .equal, name)
            .where("id", .notEqual, id).first() != nil
        {
            throw DomainError.conflict(reason: "La catégorie « \(name) » existe déjà.")
        }
        try await sql.update("request_categories").set("name", to: name).where("id", .equal, id).run()
    }

    /// Moves a teleservice and its requests to another category.
    package func move(_ teleserviceID: Int64, to categoryID: Int64) async throws {
        try await sql.update("teleservices").set("category_id", to: categoryID).where("id", .equal, teleserviceID).run()
        try await sql.update("citizen_requests").set("category_id", to: categoryID)
            .where("teleservice_id", .equal, teleserviceID).run()
    }

    package func addTeleservice(_ teleservice: Teleservice) async throws -> Teleservice {
        try teleservice.validate()
        if try await sql.select().column("id").from("teleservices").where("name", .equal, teleservice.name)
            .first() != nil
        {
            throw DomainError.conflict(reason: "Le téléservice « \(teleservice.name) » existe déjà.")
        }
        let id = try await sql.insert(into: "teleservices")
            .columns(
                "category_id", "name", "online", "requires_account", "form_json", "required_documents_json",
                "qos_maximum_days", "qos_reminder_days"
            )
            .values(
                SQLBind(teleservice.categoryID), SQLBind(teleservice.name), SQLBind(Int64(teleservice.online ? 1 : 0)),
                SQLBind(Int64(teleservice.requiresAccount ? 1 : 0)), SQLBind(try RequestJSON.encode(teleservice.form)),
                SQLBind(try RequestJSON.encode(teleservice.requiredDocuments)),
                SQLBind(teleservice.qualityOfService.map { Int64($0.maximumDays) }),
                SQLBind(teleservice.qualityOfService.map { Int64($0.reminderDays) })
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = teleservice
        saved.id = id
        return saved
    }

    /// Saves the switch, form, documents and quality of service of an existing teleservice.
    package func update(_ teleservice: Teleservice) async throws {
        try teleservice.validate()
        guard let id = teleservice.id else { throw DomainError.notFound(what: "Téléservice") }
        try await sql.update("teleservices")
            .set("online", to: Int64(teleservice.online ? 1 : 0))
            .set("requires_account", to: Int64(teleservice.requiresAccount ? 1 : 0))
            .set("form_json", to: try RequestJSON.encode(teleservice.form))
            .set("required_documents_json", to: try RequestJSON.encode(teleservice.requiredDocuments))
            .set("qos_maximum_days", to: teleservice.qualityOfService.map { Int64($0.maximumDays) })
            .set("qos_reminder_days", to: teleservice.qualityOfService.map { Int64($0.reminderDays) })
            .where("id", .equal, id).run()
    }

    /// Gives an existing teleservice a new name, refused (409) when another teleservice bears it.
    package func rename(_ id: Int64, to name: String) async throws {
        if try await sql.select().column("id").from("teleservices").where("name", .equal, name)
            .where("id", .notEqual, id).first() != nil
        {
            throw DomainError.conflict(reason: "Le téléservice « \(name) » existe déjà.")
        }
        try await sql.update("teleservices").set("name", to: name).where("id", .equal, id).run()
    }

    package func teleservice(_ id: Int64) async throws -> Teleservice? {
        try await teleserviceSelect().where("id", .equal, id)
            .first(decoding: TeleserviceRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    /// Every teleservice, or those of `categories` when given.
    package func teleservices(in categories: Set<Int64>? = nil) async throws -> [Teleservice] {
        var query = teleserviceSelect().orderBy("name")
        if let categories {
            guard !categories.isEmpty else { return [] }
            query = query.where("category_id", .in, Array(categories))
        }
        return try await query.all(decoding: TeleserviceRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map(Self.model)
    }

    package func addSeason(_ season: Season) async throws -> Season {
        try season.validate()
        // Serialises the seasons of one teleservice on PostgreSQL (SQLite transactions are already serial).
        guard
            try await sql.select().column("id").from("teleservices").where("id", .equal, season.teleserviceID)
                .for(.update).first() != nil
        else { throw DomainError.notFound(what: "Téléservice") }
        try season.checkNoOverlap(with: try await seasons(of: season.teleserviceID))
        let id = try await sql.insert(into: "seasons")
            .columns(
                "teleservice_id", "name", "registration_opens", "registration_closes", "validation_from", "start_day",
                "end_day"
            )
            .values(
                SQLBind(season.teleserviceID), SQLBind(season.name), SQLBind(season.registrationOpens.iso),
                SQLBind(season.registrationCloses.iso), SQLBind(season.validationFrom.iso), SQLBind(season.start.iso),
                SQLBind(season.end.iso)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = season
        saved.id = id
        return saved
    }

    /// Saves the dates and name of an existing season, with the same overlap rule as ``addSeason(_:)``.
    package func updateSeason(_ season: Season) async throws {
        try season.validate()
        guard let id = season.id else { throw DomainError.notFound(what: "Saison") }
        guard
            try await sql.select().column("id").from("teleservices").where("id", .equal, season.teleserviceID)
                .for(.update).first() != nil
        else { throw DomainError.notFound(what: "Téléservice") }
        try season.checkNoOverlap(with: try await seasons(of: season.teleserviceID))
        try await sql.update("seasons").set("name", to: season.name)
            .set("registration_opens", to: season.registrationOpens.iso)
            .set("registration_closes", to: season.registrationCloses.iso)
            .set("validation_from", to: season.validationFrom.iso).set("start_day", to: season.start.iso)
            .set("end_day", to: season.end.iso).where("id", .equal, id).run()
    }

    /// Deletes a season no request was filed for.
    package func deleteSeason(_ id: Int64) async throws {
        if try await sql.select().column("id").from("citizen_requests").where("season_id", .equal, id).limit(1)
            .first() != nil
        {
            throw DomainError.conflict(
                reason: "Des demandes ont été déposées pour cette saison : elle ne peut pas être supprimée.")
        }
        try await sql.delete(from: "seasons").where("id", .equal, id).run()
    }

    package func seasons(of teleserviceID: Int64) async throws -> [Season] {
        try await sql.select()
            .columns(
                "id", "teleservice_id", "name", "registration_opens", "registration_closes", "validation_from",
                "start_day", "end_day"
            )
            .from("seasons").where("teleservice_id", .equal, teleserviceID).orderBy("start_day")
            .all(decoding: SeasonRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap(Self.model)
    }

    package func season(_ id: Int64) async throws -> Season? {
        try await sql.select()
            .columns(
                "id", "teleservice_id", "name", "registration_opens", "registration_closes", "validation_from",
                "start_day", "end_day"
            )
            .from("seasons").where("id", .equal, id)
            .first(decoding: SeasonRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// Creates or replaces the list of this name of the teleservice.
    package func saveList(_ list: ParameterList) async throws -> ParameterList {
        try list.validate()
        try await sql.delete(from: "parameter_lists").where("teleservice_id", .equal, list.teleserviceID)
            .where("name", .equal, list.name).run()
        let id = try await sql.insert(into: "parameter_lists")
            .columns("teleservice_id", "name", "presentation", "entries_json")
            .values(
                SQLBind(list.teleserviceID), SQLBind(list.name), SQLBind(list.presentation.rawValue),
                SQLBind(try RequestJSON.encode(list.entries))
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = list
        saved.id = id
        return saved
    }

    package func renameList(named name: String, to newName: String, of teleserviceID: Int64) async throws {
        try await sql.update("parameter_lists").set("name", to: newName).where("teleservice_id", .equal, teleserviceID)
            .where("name", .equal, name).run()
    }

    package func deleteList(named name: String, of teleserviceID: Int64) async throws {
        try await sql.delete(from: "parameter_lists").where("teleservice_id", .equal, teleserviceID)
            .where("name", .equal, name).run()
    }

    package func lists(of teleserviceID: Int64) async throws -> [ParameterList] {
        try await sql.select().columns("id", "teleservice_id", "name", "presentation", "entries_json")
            .from("parameter_lists").where("teleservice_id", .equal, teleserviceID).orderBy("name")
            .all(decoding: ListRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row in
                guard let presentation = ParameterList.Presentation(rawValue: row.presentation),
                    let entries = try? RequestJSON.decode([ParameterList.Entry].self, row.entriesJson)
                else { return nil }
                return ParameterList(
                    id: row.id, teleserviceID: row.teleserviceId, name: row.name, presentation: presentation,
                    entries: entries)
            }
    }

    private func teleserviceSelect() -> SQLSelectBuilder {
        sql.select()
            .columns(
                "id", "category_id", "name", "online", "requires_account", "form_json", "required_documents_json",
                "qos_maximum_days", "qos_reminder_days"
            )
            .from("teleservices")
    }

    private static func model(_ row: TeleserviceRow) -> Teleservice {
        var qos: QualityOfService?
        if let maximum = row.qosMaximumDays, let reminder = row.qosReminderDays {
            qos = QualityOfService(maximumDays: Int(maximum), reminderDays: Int(reminder))
        }
        return Teleservice(
            id: row.id, categoryID: row.categoryId, name: row.name, online: row.online != 0,
            requiresAccount: row.requiresAccount != 0,
            form: (try? RequestJSON.decode(FormDefinition.self, row.formJson)) ?? FormDefinition(),
            requiredDocuments: (try? RequestJSON.decode([String].self, row.requiredDocumentsJson)) ?? [],
            qualityOfService: qos)
    }

    private static func model(_ row: SeasonRow) -> Season? {
        guard let opens = CivilDate(iso: row.registrationOpens), let closes = CivilDate(iso: row.registrationCloses),
            let validation = CivilDate(iso: row.validationFrom), let start = CivilDate(iso: row.startDay),
            let end = CivilDate(iso: row.endDay)
        else { return nil }
        return Season(
            id: row.id, teleserviceID: row.teleserviceId, name: row.name, registrationOpens: opens,
            registrationCloses: closes, validationFrom: validation, start: start, end: end)
    }
}
