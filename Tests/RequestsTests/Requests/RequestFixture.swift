import PlatformTestSupport
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A settable clock for the services: lock expiry and quality of service are tested at chosen times.
final class RequestClock: Sendable {
    private let seconds: Mutex<Int64>

    init(_ seconds: Int64) { self.seconds = Mutex(seconds) }

    var now: Int64 { seconds.withLock { $0 } }

    func advance(_ delta: Int64) { seconds.withLock { $0 += delta } }

    func set(_ value: Int64) { seconds.withLock { $0 = value } }
}

/// A city with request agents, two categories, a school-registration teleservice with a season and a
/// household that filed one request with a document.
struct RequestFixture: Sendable {
    /// Tuesday 6 April 2027, 10:00 in Paris.
    static let start: Int64 = 1_806_998_400

    let database: Database
    let clock: RequestClock
    let service: CitizenRequestService
    let catalog: RequestCatalogService
    let households: HouseholdService
    let administrator: Int64
    let manager: Int64
    let instructor: Int64
    let colleague: Int64
    let reader: Int64
    /// Writes in the other category only.
    let outsider: Int64
    let childhood: Int64
    let civilStatus: Int64
    let teleservice: Teleservice
    let season: Season
    let household: Household
    let homeProof: CitizenDocument
    let otherProof: CitizenDocument
    let request: CitizenRequest

    var requestID: Int64 { request.id ?? 0 }

    static func make(_ database: Database) async throws -> RequestFixture {
        let clock = RequestClock(start)
        var service = CitizenRequestService(database: database, now: { clock.now })
        service.settings.lockDuration = 600
        let catalog = RequestCatalogService(database: database)
        let agents = try await database.transaction { sql in
            let city = try await OrganisationRepository(sql: sql).create(Organisation(name: "Cergy", type: .large))
            var ids: [Int64] = []
            for login in ["admin", "manager", "instructor", "colleague", "reader", "outsider"] {
                let agent = try await AgentRepository(sql: sql).create(
                    Agent(
                        organisationID: city.id ?? 0, civility: .madame, lastName: login.capitalized,
                        firstName: "Agent", email: "\(login)@cergy.invalid", login: login),
                    passwordHash: "unused")
                ids.append(agent.id ?? 0)
            }
            try await RequestRightsRepository(sql: sql).setAdministrator(ids[0], true)
            return ids
        }
        let administrator = agents[0]
        let childhood = try #require(try await catalog.createCategory("Enfance", by: administrator).id)
        let civilStatus = try #require(try await catalog.createCategory("État civil", by: administrator).id)
        try await catalog.setRight(.manage, of: agents[1], in: childhood, by: administrator)
        try await catalog.setRight(.write, of: agents[2], in: childhood, by: administrator)
        try await catalog.setRight(.write, of: agents[3], in: childhood, by: administrator)
        try await catalog.setRight(.read, of: agents[4], in: childhood, by: administrator)
        try await catalog.setRight(.write, of: agents[5], in: civilStatus, by: administrator)
        let teleservice = try await catalog.createTeleservice(
            Teleservice(
                categoryID: childhood, name: "Inscription scolaire", online: true, requiresAccount: true,
                form: FormDefinition(fields: [
                    .init(key: "ecole", label: "École souhaitée", kind: .parameters, required: true, list: "Écoles"),
                    .init(key: "regime", label: "Régime alimentaire", kind: .parameters, list: "Régimes"),
                ]),
                requiredDocuments: ["Justificatif de domicile"]),
            by: agents[1])
        let teleserviceID = try #require(teleservice.id)
        _ = try await catalog.saveList(
            ParameterList(
                teleserviceID: teleserviceID, name: "Écoles", presentation: .dropDown,
                entries: [.init(key: "parc", label: "École du Parc"), .init(key: "gare", label: "École de la Gare")]),
            by: agents[1])
        _ = try await catalog.saveList(
            ParameterList(
                teleserviceID: teleserviceID, name: "Régimes", presentation: .checkboxTree,
                entries: [
                    .init(key: "sans-viande", label: "Sans viande"),
                    .init(key: "sans-porc", label: "Sans porc", parent: "sans-viande"),
                ]),
            by: agents[1])
        let season = try await catalog.addSeason(
            Season(
                teleserviceID: teleserviceID, name: "2027-2028", registrationOpens: CivilDate(2027, 3, 1),
                registrationCloses: CivilDate(2027, 5, 31), validationFrom: CivilDate(2027, 4, 1),
                start: CivilDate(2027, 9, 1), end: CivilDate(2028, 7, 5)),
            by: agents[1])
        let households = HouseholdService(database: database)
        let household = try await households.create(
            Household(
                email: "legrand@example.invalid", address: "2 rue du Parc 95000 Cergy",
                members: [
                    HouseholdMember(role: .responsible, civility: .madame, lastName: "Legrand", firstName: "Anne"),
                    HouseholdMember(
                        role: .child, civility: .monsieur, lastName: "Legrand", firstName: "Léo",
                        birthDate: CivilDate(2022, 2, 3)),
                ]))
        let householdID = try #require(household.id)
        let homeProof = try await households.addDocument(
            kind: "Justificatif de domicile", fileName: "facture.pdf", sha256: "aa", to: householdID)
        let otherProof = try await households.addDocument(
            kind: "Livret de famille", fileName: "livret.pdf", sha256: "bb", to: householdID)
        let request = try await service.file(
            .init(
                teleserviceID: teleserviceID, householdID: householdID, subjectID: household.members[1].id,
                seasonID: season.id, data: ["ecole": ["parc"]], documentIDs: [homeProof.id ?? 0],
                note: "Léo mange sans porc."))
        return RequestFixture(
            database: database, clock: clock, service: service, catalog: catalog, households: households,
            administrator: administrator, manager: agents[1], instructor: agents[2], colleague: agents[3],
            reader: agents[4], outsider: agents[5], childhood: childhood, civilStatus: civilStatus,
            teleservice: teleservice, season: season, household: household, homeProof: homeProof,
            otherProof: otherProof, request: request)
    }
}
