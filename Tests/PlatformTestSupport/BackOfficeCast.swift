import HummingbirdTesting
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The back office's usual cast, each signed in: Cergy's administrator (`manager`, "cergy"), made a request
/// administrator; an agent of Cergy's service « Osny » (`colleague`, "osny"), given one right on the cast's
/// category; Pontoise's administrator (`stranger`, "pontoise"), of another entity, with no right on any category.
package struct BackOfficeCast: Sendable {
    package let manager: AgentClient
    package let colleague: AgentClient
    package let stranger: AgentClient
    package let categoryID: Int64
    /// Cergy, the entity of the manager, the colleague and the category.
    package var entityID: Int64 = 0

    package init(manager: AgentClient, colleague: AgentClient, stranger: AgentClient, categoryID: Int64) {
        self.manager = manager
        self.colleague = colleague
        self.stranger = stranger
        self.categoryID = categoryID
    }

    /// Creates the three entities, the category named `category` and the colleague's right on it.
    package static func make(
        _ harness: PlatformHarness, _ client: any TestClientProtocol, category: String = "Enfance",
        colleagueRight: CategoryRight = .read
    ) async throws -> BackOfficeCast {
        let cergy = try await harness.entity("Cergy", login: "cergy")
        _ = try await harness.entity("Pontoise", login: "pontoise")
        // Osny's agent works in a service of Cergy: the requests' catalogues are per entity (issue 20).
        try await agent(harness, login: "osny", service: "Osny", in: cergy)
        let manager = try await AgentClient.signIn(client, login: "cergy")
        let colleague = try await AgentClient.signIn(client, login: "osny")
        let stranger = try await AgentClient.signIn(client, login: "pontoise")
        let categoryID = try await harness.withDatabase { database in
            let catalog = RequestCatalogService(database: database)
            _ = try await catalog.setAdministrator(login: "cergy", true)
            let created = try await catalog.createCategory(category, by: manager.agentID)
            let categoryID = try #require(created.id)
            try await catalog.setRight(colleagueRight, of: colleague.agentID, in: categoryID, by: manager.agentID)
            return categoryID
        }
        var cast = BackOfficeCast(manager: manager, colleague: colleague, stranger: stranger, categoryID: categoryID)
        cast.entityID = cergy
        return cast
    }

    /// A new agent `login` (password ``PlatformHarness/password``) in a new service `service` of `entity`.
    package static func agent(_ harness: PlatformHarness, login: String, service: String, in entity: Int64)
        async throws
    {
        try await harness.withDatabase { database in
            let hash = try await PlatformHarness.hasher.hash(PlatformHarness.password)
            try await database.transaction { sql in
                let organisation = try await OrganisationRepository(sql: sql).create(
                    Organisation(parentID: entity, name: service, type: .small))
                _ = try await AgentRepository(sql: sql).create(
                    Agent(
                        organisationID: organisation.id ?? 0, civility: .madame, lastName: "Agent", firstName: service,
                        email: "\(login)@example.invalid", login: login),
                    passwordHash: hash)
            }
        }
    }

    /// A teleservice of the cast's category, created by the manager.
    package func teleservice(
        _ name: String, in harness: PlatformHarness, online: Bool = true, requiresAccount: Bool = true,
        fields: [FormDefinition.Field] = [], requiredDocuments: [String] = []
    ) async throws -> Teleservice {
        try await harness.withDatabase { database in
            try await RequestCatalogService(database: database).createTeleservice(
                Teleservice(
                    categoryID: categoryID, name: name, online: online, requiresAccount: requiresAccount,
                    form: FormDefinition(fields: fields), requiredDocuments: requiredDocuments),
                by: manager.agentID)
        }
    }
}
