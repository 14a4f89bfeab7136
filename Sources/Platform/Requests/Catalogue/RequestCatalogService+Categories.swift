import PlatformKernel
import SQLKit

extension JournalAction {
    package static let requestCategoryRenamed: JournalAction = "request-category.renamed"
    package static let teleserviceMoved: JournalAction = "teleservice.moved"
}

/// « Administration des catégories » (issue 20, item 5): an administrator renames a category; a teleservice moves
/// to another category of the entity (the seed's « + / − »), its requests with it, so that the rights on them
/// follow the new category.
extension RequestCatalogService {
    /// Gives the category a new name: administrators of the category's entity only; the name stays unique (409).
    @discardableResult
    package func renameCategory(_ id: Int64, to name: String, by agentID: Int64) async throws -> RequestCategory {
        try await database.transaction { sql in
            try await Self.requireCategory(id, .manage, agentID: agentID, sql: sql)
            try await RequestRightsRepository(sql: sql).rights(of: agentID).requireAdministrator()
            let catalog = RequestCatalogRepository(sql: sql)
            guard var category = try await catalog.category(id) else { throw DomainError.notFound(what: "Catégorie") }
            let former = category.name
            category.name = name.trimmingCharacters(in: .whitespaces)
            try category.validate()
            guard category.name != former else { return category }
            try await catalog.renameCategory(id, to: category.name)
            try await Self.journal(
                .requestCategoryRenamed, by: agentID, kind: "request-category", id: id, sql: sql,
                details: ["from": former, "to": category.name])
            return category
        }
    }

    /// Moves the teleservice to `categoryID`: the agent manages both categories (so both are of their entity);
    /// the teleservice's requests move too, and with them who may read and instruct them.
    @discardableResult
    package func moveTeleservice(_ id: Int64, to categoryID: Int64, by agentID: Int64) async throws -> Teleservice {
        try await database.transaction { sql in
            var teleservice = try await Self.requireTeleservice(id, .manage, agentID: agentID, sql: sql)
            try await Self.requireCategory(categoryID, .manage, agentID: agentID, sql: sql)
            let former = teleservice.categoryID
            guard former != categoryID else { return teleservice }
            try await RequestCatalogRepository(sql: sql).move(id, to: categoryID)
            teleservice.categoryID = categoryID
            try await Self.journal(
                .teleserviceMoved, by: agentID, kind: "teleservice", id: id, sql: sql,
                details: ["from": String(former), "to": String(categoryID)])
            return teleservice
        }
    }
}
