import PlatformKernel
import SQLKit

extension JournalAction {
    package static let teleserviceRenamed: JournalAction = "teleservice.renamed"
    package static let parameterListRenamed: JournalAction = "parameter-list.renamed"
}

/// Renaming a teleservice or one of its parameter lists, for the teleservice's managers: the requests
/// keep pointing at the teleservice and show its new name; the form's fields follow their list.
extension RequestCatalogService {
    /// Gives the teleservice a new name, unique on the platform (409 otherwise).
    @discardableResult
    package func renameTeleservice(_ id: Int64, to name: String, by agentID: Int64) async throws -> Teleservice {
        try await database.transaction { sql in
            var teleservice = try await Self.requireTeleservice(id, .manage, agentID: agentID, sql: sql)
            let former = teleservice.name
            teleservice.name = name.trimmingCharacters(in: .whitespaces)
            try teleservice.validate()
            guard teleservice.name != former else { return teleservice }
            try await RequestCatalogRepository(sql: sql).rename(id, to: teleservice.name)
            try await Self.journal(
                .teleserviceRenamed, by: agentID, kind: "teleservice", id: id, sql: sql,
                details: ["from": former, "to": teleservice.name])
            return teleservice
        }
    }

    /// Gives a parameter list a new name, unique among the teleservice's lists (409 otherwise), and moves
    /// the form's fields that offer it to the new name, in one transaction.
    package func renameList(named name: String, to newName: String, of teleserviceID: Int64, by agentID: Int64)
        async throws
    {
        try await database.transaction { sql in
            var teleservice = try await Self.requireTeleservice(teleserviceID, .manage, agentID: agentID, sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            let lists = try await catalog.lists(of: teleserviceID)
            guard var list = lists.first(where: { $0.name == name }) else {
                throw DomainError.notFound(what: "Liste de paramètres")
            }
            list.name = newName.trimmingCharacters(in: .whitespaces)
            try list.validate()
            guard list.name != name else { return }
            if lists.contains(where: { $0.name == list.name }) {
                throw DomainError.conflict(reason: "La liste « \(list.name) » existe déjà.")
            }
            try await catalog.renameList(named: name, to: list.name, of: teleserviceID)
            for index in teleservice.form.fields.indices where teleservice.form.fields[index].list == name {
                teleservice.form.fields[index].list = list.name
            }
            try await catalog.update(teleservice)
            try await Self.journal(
                .parameterListRenamed, by: agentID, kind: "parameter-list", id: list.id, sql: sql,
                details: ["from": name, "to": list.name, "teleservice": String(teleserviceID)])
        }
    }
}
