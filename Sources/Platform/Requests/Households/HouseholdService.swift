import PlatformKernel
import SQLKit

/// Household accounts: created by the citizen (front office) or at the counter, and their document space.
package struct HouseholdService: Sendable {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// A new household account, "en cours" until an agent validates it.
    package func create(_ household: Household) async throws -> Household {
        try await database.transaction { sql in
            let saved = try await HouseholdRepository(sql: sql).create(household)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: saved.id ?? 0),
                    action: .householdCreated, details: ["members": String(saved.members.count)]))
            return saved
        }
    }

    /// Changes the account's state and status: agents with a write right on some category.
    package func setState(_ state: Household.State, status: Household.Status, of id: Int64, by agentID: Int64)
        async throws
    {
        try await database.transaction { sql in
            let rights = try await Self.requireAgent(agentID, .write, sql: sql)
            try await Self.visible(id, to: rights, sql: sql)
            try await HouseholdRepository(sql: sql).setState(state, status: status, of: id)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "household", id: id),
                    action: .householdStateChanged, details: ["state": state.rawValue, "status": status.rawValue]))
        }
    }

    /// "Rechercher un compte foyer": agents who read at least one category.
    package func search(
        name: String?, id: Int64?, state: Household.State?, status: Household.Status?, responsibleOnly: Bool = false,
        sortByName: Bool = false, by agentID: Int64, limit: Int = 50
    ) async throws -> [Household] {
        try await database.session { sql in
            let rights = try await Self.requireAgent(agentID, .read, sql: sql)
            return try await HouseholdRepository(sql: sql).search(
                name: name, id: id, state: state, status: status, responsibleOnly: responsibleOnly,
                sortByName: sortByName, entityID: rights.isPlatformAdministrator ? nil : rights.entityID,
                limit: max(1, min(limit, 200)))
        }
    }

    /// A household account as the back office shows it: its members, its document space, and its journal.
    package struct Detail: Sendable {
        package let household: Household
        package let documents: [CitizenDocument]
        /// The account's creation and state changes, oldest first.
        package let history: [JournalEntry]
        /// Whether the agent may change the account's state (write right on some category).
        package let editable: Bool

        package init(household: Household, documents: [CitizenDocument], history: [JournalEntry], editable: Bool) {
            self.household = household
            self.documents = documents
            self.history = history
            self.editable = editable
        }
    }

    /// "Gestion d'un compte foyer": agents who read at least one category.
    package func detail(_ id: Int64, by agentID: Int64) async throws -> Detail {
        try await database.session { sql in
            let rights = try await Self.requireAgent(agentID, .read, sql: sql)
            let repository = HouseholdRepository(sql: sql)
            let household = try await Self.visible(id, to: rights, sql: sql)
            return Detail(
                household: household, documents: try await repository.documents(of: id),
                history: try await JournalRepository(sql: sql).entries(
                    subject: JournalSubject(kind: "household", id: id)),
                editable: rights.holdsSomewhere(.write))
        }
    }

    /// The agent's rights, when they hold `needed` on some category of their entity (403 otherwise).
    @discardableResult
    package static func requireAgent(_ agentID: Int64, _ needed: CategoryRight, sql: any SQLDatabase) async throws
        -> RequestAgentRights
    {
        let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
        guard rights.holdsSomewhere(needed) else {
            throw DomainError.forbidden(reason: "Il faut le droit « \(needed.label) » sur une catégorie.")
        }
        return rights
    }

    /// The household, when it belongs to the agent's entity (any for a platform super-administrator);
    /// another entity's household does not exist for them (404).
    @discardableResult
    package static func visible(_ id: Int64, to rights: RequestAgentRights, sql: any SQLDatabase) async throws
        -> Household
    {
        guard let household = try await HouseholdRepository(sql: sql).find(id), rights.sees(entity: household.entityID)
        else { throw DomainError.notFound(what: "Compte foyer") }
        return household
    }

    /// The citizen adds a document to their space.
    package func addDocument(kind: String, fileName: String, sha256: String, to householdID: Int64) async throws
        -> CitizenDocument
    {
        try await database.transaction { sql in
            guard try await HouseholdRepository(sql: sql).find(householdID) != nil else {
                throw DomainError.notFound(what: "Compte foyer")
            }
            return try await HouseholdRepository(sql: sql).addDocument(
                CitizenDocument(
                    householdID: householdID, kind: kind, fileName: fileName, sha256: sha256,
                    createdAt: Timestamp.now()))
        }
    }

    /// Refuses an agent without a write right on any category (403) and an unknown household (404),
    /// before a file is received for them: a refused upload leaves nothing in the file store.
    package func requireCounterAgent(_ agentID: Int64, household householdID: Int64) async throws {
        try await database.session { sql in
            let rights = try await Self.requireAgent(agentID, .write, sql: sql)
            try await Self.visible(householdID, to: rights, sql: sql)
        }
    }

    /// A document the citizen hands in at the counter, put into the household's space by an agent with a
    /// write right on some category; journaled on the account with the agent as its author.
    package func addDocumentAtCounter(
        kind: String, fileName: String, sha256: String, to householdID: Int64, by agentID: Int64
    )
        async throws -> CitizenDocument
    {
        try await database.transaction { sql in
            let rights = try await Self.requireAgent(agentID, .write, sql: sql)
            let repository = HouseholdRepository(sql: sql)
            try await Self.visible(householdID, to: rights, sql: sql)
            let document = try await repository.addDocument(
                CitizenDocument(
                    householdID: householdID, kind: kind, fileName: fileName, sha256: sha256,
                    createdAt: Timestamp.now()))
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "household", id: householdID),
                    action: .householdDocumentAddedAtCounter, details: ["kind": kind, "file": fileName]))
            return document
        }
    }

    package func documents(of householdID: Int64) async throws -> [CitizenDocument] {
        try await database.session { sql in try await HouseholdRepository(sql: sql).documents(of: householdID) }
    }
}
