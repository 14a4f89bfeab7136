import Logging
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// Per-entity catalogues (issue 20, item 1): every catalogue query answers the agent's entity only, another
/// entity's category, teleservice, request, household and template do not exist for them (404), a platform
/// super-administrator sees every entity, and the data that predates the entities goes to the first one.
extension DatabaseTests {
    struct EntityScopingTests {
        /// Entity B (« Pontoise ») beside the fixture's entity A (« Cergy »): its administrator, a category, an
        /// online teleservice, a household and its request, a letter template.
        struct OtherEntity {
            let entity: Int64
            let administrator: Int64
            let category: Int64
            let teleservice: Teleservice
            let household: Household
            let request: CitizenRequest
            let template: LetterTemplate
        }

        static func otherEntity(_ fixture: RequestFixture) async throws -> OtherEntity {
            let (entity, administrator) = try await fixture.database.transaction { sql in
                let city = try await OrganisationRepository(sql: sql).create(
                    Organisation(name: "Pontoise", type: .large))
                let service = try await OrganisationRepository(sql: sql).create(
                    Organisation(parentID: city.id, name: "Service de l'enfance", type: .small))
                let agent = try await AgentRepository(sql: sql).create(
                    Agent(
                        organisationID: service.id ?? 0, civility: .monsieur, lastName: "Durand", firstName: "Paul",
                        email: "durand@pontoise.invalid", login: "durand"),
                    passwordHash: "unused")
                try await RequestRightsRepository(sql: sql).setAdministrator(agent.id ?? 0, true)
                return (city.id ?? 0, agent.id ?? 0)
            }
            let category = try #require(
                try await fixture.catalog.createCategory("Petite enfance", by: administrator).id)
            let teleservice = try await fixture.catalog.createTeleservice(
                Teleservice(categoryID: category, name: "Inscription en crèche", online: true, requiresAccount: true),
                by: administrator)
            let household = try await fixture.households.create(
                Household(
                    email: "martin@example.invalid", address: "1 rue de Pontoise",
                    members: [
                        HouseholdMember(role: .responsible, civility: .madame, lastName: "Martin", firstName: "Léa")
                    ],
                    entityID: entity))
            let request = try await fixture.service.file(
                .init(teleserviceID: teleservice.id ?? 0, householdID: household.id ?? 0, data: [:]))
            let template = try await LettersService(database: fixture.database).save(
                LetterTemplate(name: "Relance crèche", body: "Bonjour ${nomDemandeur}"), by: administrator)
            return OtherEntity(
                entity: entity, administrator: administrator, category: category, teleservice: teleservice,
                household: household, request: request, template: template)
        }

        @Test(arguments: StorageBackend.available)
        func everyCatalogueQueryAnswersTheAgentsEntityOnly(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let fixture = try await RequestFixture.make(database)
                let other = try await Self.otherEntity(fixture)
                let (a, b) = (fixture.administrator, other.administrator)
                let catalog = fixture.catalog

                // Categories and teleservices.
                #expect(try await catalog.categories(for: a).map(\.0.name).sorted() == ["Enfance", "État civil"])
                #expect(try await catalog.categories(for: b).map(\.0.name) == ["Petite enfance"])
                #expect(try await catalog.teleservices(for: a).map(\.name) == ["Inscription scolaire"])
                #expect(try await catalog.teleservices(for: b).map(\.name) == ["Inscription en crèche"])
                #expect(try await catalog.management(for: b).categories.map(\.category.name) == ["Petite enfance"])
                let created = try await catalog.createCategory("Sports", by: b)
                #expect(created.entityID == other.entity)
                #expect(try await catalog.categories(for: a).map(\.0.name).sorted() == ["Enfance", "État civil"])

                // Another entity's teleservice, its seasons and lists, and its category's rights: 404.
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await catalog.seasons(of: fixture.teleservice.id ?? 0, for: b)
                }
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await catalog.seasons(of: other.teleservice.id ?? 0, for: a)
                }
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await catalog.saveList(
                        ParameterList(
                            teleserviceID: fixture.teleservice.id ?? 0, name: "Écoles", presentation: .dropDown,
                            entries: []),
                        by: b)
                }
                await #expect(throws: DomainError.notFound(what: "Catégorie")) {
                    try await catalog.setRight(.read, of: b, in: fixture.childhood, by: b)
                }
                await #expect(throws: DomainError.notFound(what: "Catégorie")) {
                    try await catalog.createTeleservice(
                        Teleservice(
                            categoryID: fixture.childhood, name: "Intrus", online: true, requiresAccount: false),
                        by: b)
                }
                // A right given by mistake on another entity's category gives nothing.
                try await database.transaction { sql in
                    try await RequestRightsRepository(sql: sql).set(.manage, of: fixture.reader, in: other.category)
                }
                let readerRights = try await catalog.rights(of: fixture.reader)
                #expect(readerRights.right(in: other.category) == CategoryRight.none)
                #expect(readerRights.readableCategories == [fixture.childhood])

                // Requests: search, task board and detail.
                let service = fixture.service
                #expect(try await service.search(RequestSearch(), for: a).map(\.request.id) == [fixture.requestID])
                #expect(try await service.search(RequestSearch(), for: b).map(\.request.id) == [other.request.id])
                #expect(try await service.taskBoard(for: b).new.map(\.request.id) == [other.request.id])
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    try await service.detail(fixture.requestID, for: b)
                }
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    try await service.detail(other.request.id ?? 0, for: a)
                }

                // Households.
                let households = fixture.households
                #expect(
                    try await households.search(name: nil, id: nil, state: nil, status: nil, by: b).map(\.id)
                        == [other.household.id])
                #expect(
                    try await households.search(name: nil, id: nil, state: nil, status: nil, by: a).map(\.id)
                        == [fixture.household.id])
                await #expect(throws: DomainError.notFound(what: "Compte foyer")) {
                    try await households.detail(fixture.household.id ?? 0, by: b)
                }
                await #expect(throws: DomainError.notFound(what: "Compte foyer")) {
                    try await households.setState(.valid, status: .active, of: other.household.id ?? 0, by: a)
                }

                // Letter templates: listed, read and used within the entity only.
                let letters = LettersService(database: database)
                #expect(try await letters.templates(for: b).map(\.name) == ["Relance crèche"])
                #expect(!(try await letters.templates(for: a).map(\.name).contains("Relance crèche")))
                await #expect(throws: DomainError.notFound(what: "Modèle de courrier")) {
                    try await letters.template(other.template.id ?? 0, for: a)
                }
                await #expect(throws: DomainError.notFound(what: "Modèle de courrier")) {
                    try await letters.compose(
                        fixture.requestID, template: other.template.id ?? 0, channel: ContactChannel.email,
                        observation: "", by: a)
                }

                // A household files only with its own entity's teleservices.
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await service.file(
                        .init(
                            teleserviceID: other.teleservice.id ?? 0, householdID: fixture.household.id ?? 0,
                            data: [:]))
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPlatformSuperAdministratorManagesEveryEntity(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let fixture = try await RequestFixture.make(database)
                let other = try await Self.otherEntity(fixture)
                try await fixture.catalog.setAdministrator(login: "reader", true, platform: true)
                let platform = fixture.reader
                #expect(
                    try await fixture.catalog.categories(for: platform).map(\.0.name).sorted()
                        == ["Enfance", "Petite enfance", "État civil"])
                #expect(try await fixture.service.search(RequestSearch(), for: platform).count == 2)
                _ = try await fixture.service.detail(other.request.id ?? 0, for: platform)
                _ = try await fixture.households.detail(other.household.id ?? 0, by: platform)
                #expect(try await LettersService(database: database).templates(for: platform).count == 1)
                let elsewhere = try await fixture.catalog.createCategory("Culture", by: platform, in: other.entity)
                #expect(elsewhere.entityID == other.entity)
                // An entity administrator may not create a category in another entity.
                await #expect(throws: DomainError.notFound(what: "Collectivité")) {
                    try await fixture.catalog.createCategory("Culture", by: fixture.administrator, in: other.entity)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func theFrontOfficeIsPerEntity(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let fixture = try await RequestFixture.make(database)
                let other = try await Self.otherEntity(fixture)
                let front = FrontOfficeService(database: database, hasher: PlatformHarness.hasher)
                let cergy = try #require(try await front.frontOfficeEntity(named: nil, household: nil))
                #expect(cergy != other.entity)
                #expect(
                    try await front.onlineCatalog(of: cergy).flatMap(\.teleservices).map(\.name) == [
                        "Inscription scolaire"
                    ])
                #expect(
                    try await front.frontOfficeEntity(named: other.entity, household: nil) == other.entity)
                #expect(
                    try await front.onlineCatalog(of: other.entity).flatMap(\.teleservices).map(\.name)
                        == ["Inscription en crèche"])
                // A signed-in household sees its own entity's front office, whatever the address names.
                #expect(
                    try await front.frontOfficeEntity(named: other.entity, household: fixture.household.id) == cergy)
                await #expect(throws: DomainError.notFound(what: "Démarche")) {
                    try await front.onlineTeleservice(other.teleservice.id ?? 0, household: fixture.household.id)
                }
                // Registered on entity B's front office, the household belongs to B.
                let registered = try await front.createAccount(
                    .init(
                        civility: .madame, lastName: "Petit", firstName: "Zoé", email: "petit@example.invalid",
                        password: "mot de passe 2026", address: "4 rue de Pontoise", entityID: other.entity))
                #expect(registered.entityID == other.entity)
                let unknown = try await front.createAccount(
                    .init(
                        civility: .madame, lastName: "Petit", firstName: "Ana", email: "ana@example.invalid",
                        password: "mot de passe 2026", address: "4 rue de Cergy", entityID: 987_654))
                #expect(unknown.entityID == cergy)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theMigrationGivesExistingDataToTheFirstEntity(backend: StorageBackend) async throws {
            try await backend.withFreshLocation { location in
                try await Database.using(location, logger: Logger(label: "test")) { database in
                    let before = Migrations.all.prefix { $0.name != Migrations.requestEntities.name }
                    _ = try await Migrator(database: database, migrations: Array(before)).migrate()
                    let first = try await database.transaction { sql in
                        let first = try await OrganisationRepository(sql: sql).create(
                            Organisation(name: "Ville de Démonstration", type: .large))
                        _ = try await OrganisationRepository(sql: sql).create(Organisation(name: "Autre", type: .large))
                        try await sql.insert(into: "request_categories").columns("name").values(SQLBind("Enfance"))
                            .run()
                        try await sql.insert(into: "request_letter_templates").columns("name", "body", "updated_at")
                            .values(SQLBind("Modèle"), SQLBind("Texte"), SQLBind(Int64(0))).run()
                        try await sql.insert(into: "households")
                            .columns("state", "status", "email", "address", "created_at")
                            .values(
                                SQLBind("valid"), SQLBind("active"), SQLBind("a@example.invalid"), SQLBind("Rue"),
                                SQLBind(Int64(0))
                            ).run()
                        return first.id ?? 0
                    }
                    _ = try await Migrator(database: database).migrate()
                    try await database.session { sql in
                        for table in RequestEntityRepository.ownedTables {
                            let owners = try await sql.select().column("entity_id").from(table).all(
                                decodingColumn: "entity_id", as: Int64.self)
                            #expect(owners == [first], "\(table)")
                        }
                    }
                }
            }
        }

        @Test func rightsStopAtTheEntitysCategories() throws {
            let rights = RequestAgentRights(
                agentID: 1, byCategory: [1: .manage, 9: .manage], entityID: 5, entityCategories: [1, 2])
            #expect(rights.right(in: 1) == .manage)
            #expect(rights.right(in: 9) == CategoryRight.none)
            #expect(rights.readableCategories == [1])
            #expect(throws: DomainError.notFound(what: "Demande")) { try rights.require(.read, in: 9) }
            let administrator = RequestAgentRights(
                agentID: 2, isAdministrator: true, entityID: 5, entityCategories: [1, 2])
            #expect(administrator.right(in: 2) == .manage && administrator.right(in: 3) == CategoryRight.none)
            #expect(administrator.readableCategories == [1, 2])
            #expect(administrator.sees(entity: 5) && !administrator.sees(entity: 6))
            let platform = RequestAgentRights(agentID: 3, entityID: 5, isPlatformAdministrator: true)
            #expect(platform.right(in: 3) == .manage && platform.readableCategories == nil && platform.sees(entity: 6))
            #expect(platform.administers)
        }
    }
}
