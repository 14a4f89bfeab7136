import PlatformKernel
import SQLKit

/// The configuration of the requests: categories and agents' rights (administrators), teleservices,
/// their parameter lists and seasons (managers of the category). One transaction per use case, rights
/// checked first, every change journaled.
package struct RequestCatalogService: Sendable {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    package func rights(of agentID: Int64) async throws -> RequestAgentRights {
        try await database.session { sql in try await RequestRightsRepository(sql: sql).rights(of: agentID) }
    }

    /// A new category of the administrator's entity; a platform super-administrator may name another
    /// entity (`entityID`).
    package func createCategory(_ name: String, by agentID: Int64, in entityID: Int64? = nil) async throws
        -> RequestCategory
    {
        try await database.transaction { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            try rights.requireAdministrator()
            var owner = rights.entityID
            if let entityID, entityID != owner {
                guard rights.isPlatformAdministrator, try await RequestEntityRepository(sql: sql).isEntity(entityID)
                else { throw DomainError.notFound(what: "Collectivité") }
                owner = entityID
            }
            let category = try await RequestCatalogRepository(sql: sql).addCategory(
                RequestCategory(name: name.trimmingCharacters(in: .whitespaces), entityID: owner))
            try await Self.journal(
                .requestCategoryCreated, by: agentID, kind: "request-category", id: category.id, sql: sql,
                details: ["name": category.name, "entity": String(owner ?? 0)])
            return category
        }
    }

    /// The categories the agent sees, each with the agent's right.
    package func categories(for agentID: Int64) async throws -> [(RequestCategory, CategoryRight)] {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            return try await RequestCatalogRepository(sql: sql).categories().compactMap { category in
                guard let id = category.id, rights.right(in: id) >= .read else { return nil }
                return (category, rights.right(in: id))
            }
        }
    }

    /// Gives an agent a right on a category: administrators, and the category's managers for the agents
    /// they may see (``assignableAgents(in:by:sql:)``); anyone else is unknown to them (404).
    package func setRight(_ right: CategoryRight, of agentID: Int64, in categoryID: Int64, by administratorID: Int64)
        async throws
    {
        try await database.transaction { sql in
            try await Self.requireCategory(categoryID, .manage, agentID: administratorID, sql: sql)
            let assignable = try await Self.assignableAgents(in: categoryID, by: administratorID, sql: sql)
            guard assignable.contains(where: { $0.id == agentID }) else { throw DomainError.notFound(what: "Agent") }
            try await RequestRightsRepository(sql: sql).set(right, of: agentID, in: categoryID)
            try await Self.journal(
                .requestRightChanged, by: administratorID, kind: "request-category", id: categoryID, sql: sql,
                details: ["agent": String(agentID), "right": right.rawValue])
        }
    }

    package func createTeleservice(_ teleservice: Teleservice, by agentID: Int64) async throws -> Teleservice {
        try await database.transaction { sql in
            try await Self.requireCategory(teleservice.categoryID, .manage, agentID: agentID, sql: sql)
            let saved = try await RequestCatalogRepository(sql: sql).addTeleservice(teleservice)
            try await Self.journal(
                .teleserviceCreated, by: agentID, kind: "teleservice", id: saved.id, sql: sql,
                details: ["name": saved.name, "online": String(saved.online)])
            return saved
        }
    }

    /// Changes the online switch, form, documents or quality of service; the category and name stay.
    package func modifyTeleservice(_ teleservice: Teleservice, by agentID: Int64) async throws -> Teleservice {
        guard let id = teleservice.id else { throw DomainError.notFound(what: "Téléservice") }
        return try await modifyTeleservice(id, by: agentID) { $0 = teleservice }
    }

    /// The teleservices of the categories the agent reads.
    package func teleservices(for agentID: Int64) async throws -> [Teleservice] {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            return try await RequestCatalogRepository(sql: sql).teleservices(in: rights.readableCategories)
        }
    }

    /// Adds a season, refused when it or its registration period overlaps another season of the teleservice.
    package func addSeason(_ season: Season, by agentID: Int64) async throws -> Season {
        try await database.transaction { sql in
            try await Self.requireTeleservice(season.teleserviceID, .manage, agentID: agentID, sql: sql)
            let saved = try await RequestCatalogRepository(sql: sql).addSeason(season)
            try await Self.journal(
                .seasonCreated, by: agentID, kind: "season", id: saved.id, sql: sql,
                details: ["name": saved.name, "teleservice": String(saved.teleserviceID)])
            return saved
        }
    }

    /// Changes a season's name and dates; the overlap rule holds as at creation.
    package func modifySeason(_ season: Season, by agentID: Int64) async throws -> Season {
        try await database.transaction { sql in
            let catalog = RequestCatalogRepository(sql: sql)
            guard let id = season.id, let existing = try await catalog.season(id) else {
                throw DomainError.notFound(what: "Saison")
            }
            try await Self.requireTeleservice(existing.teleserviceID, .manage, agentID: agentID, sql: sql)
            var changed = season
            changed.teleserviceID = existing.teleserviceID
            try await catalog.updateSeason(changed)
            try await Self.journal(
                .seasonModified, by: agentID, kind: "season", id: id, sql: sql,
                details: ["name": changed.name, "start": changed.start.iso, "end": changed.end.iso])
            return changed
        }
    }

    /// Deletes a season no request was filed for.
    package func deleteSeason(_ id: Int64, by agentID: Int64) async throws {
        try await database.transaction { sql in
            let catalog = RequestCatalogRepository(sql: sql)
            guard let existing = try await catalog.season(id) else { throw DomainError.notFound(what: "Saison") }
            try await Self.requireTeleservice(existing.teleserviceID, .manage, agentID: agentID, sql: sql)
            try await catalog.deleteSeason(id)
            try await Self.journal(
                .seasonDeleted, by: agentID, kind: "season", id: id, sql: sql, details: ["name": existing.name])
        }
    }

    package func seasons(of teleserviceID: Int64, for agentID: Int64) async throws -> [Season] {
        try await database.session { sql in
            try await Self.requireTeleservice(teleserviceID, .read, agentID: agentID, sql: sql)
            return try await RequestCatalogRepository(sql: sql).seasons(of: teleserviceID)
        }
    }

    /// Creates or replaces a list of values ("paramètres").
    package func saveList(_ list: ParameterList, by agentID: Int64) async throws -> ParameterList {
        try await database.transaction { sql in
            try await Self.requireTeleservice(list.teleserviceID, .manage, agentID: agentID, sql: sql)
            let saved = try await RequestCatalogRepository(sql: sql).saveList(list)
            try await Self.journal(
                .parameterListSaved, by: agentID, kind: "parameter-list", id: saved.id, sql: sql,
                details: ["name": saved.name, "entries": String(saved.entries.count)])
            return saved
        }
    }

    package static func requireCategory(
        _ categoryID: Int64, _ needed: CategoryRight, agentID: Int64, sql: any SQLDatabase,
        what: String = "Catégorie"
    ) async throws {
        guard try await RequestCatalogRepository(sql: sql).category(categoryID) != nil else {
            throw DomainError.notFound(what: what)
        }
        try await RequestRightsRepository(sql: sql).rights(of: agentID).require(needed, in: categoryID, what: what)
    }

    @discardableResult
    package static func requireTeleservice(_ id: Int64, _ needed: CategoryRight, agentID: Int64, sql: any SQLDatabase)
        async throws -> Teleservice
    {
        guard let teleservice = try await RequestCatalogRepository(sql: sql).teleservice(id) else {
            throw DomainError.notFound(what: "Téléservice")
        }
        try await RequestRightsRepository(sql: sql).rights(of: agentID)
            .require(needed, in: teleservice.categoryID, what: "Téléservice")
        return teleservice
    }

    package static func journal(
        _ action: JournalAction, by agentID: Int64, kind: String, id: Int64?, sql: any SQLDatabase,
        details: [String: String]
    ) async throws {
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(agentID), subject: JournalSubject(kind: kind, id: id ?? 0), action: action,
                details: details))
    }
}
