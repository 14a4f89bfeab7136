import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// `/api/demarches/…` through the router, as the back office's pages will call it.
extension DatabaseTests {
    struct RequestAPITests {
        @Test(arguments: StorageBackend.available)
        func agentsInstructThroughTheAPI(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Cergy", login: "cergy")
                _ = try await harness.entity("Pontoise", login: "pontoise")
                let agent = try await AgentClient.signIn(client, login: "cergy")
                let stranger = try await AgentClient.signIn(client, login: "pontoise")
                try await harness.withDatabase { database in
                    try await database.transaction { sql in
                        try await RequestRightsRepository(sql: sql).setAdministrator(agent.agentID, true)
                    }
                }
                let category = try await agent.decode(
                    RequestCatalogController.CategoryView.self, .post, "/api/demarches/categories",
                    json: RequestCatalogController.NewCategory(name: "État civil"), status: .created)
                let teleservice = try await agent.decode(
                    Teleservice.self, .post, "/api/demarches/teleservices",
                    json: Teleservice(
                        categoryID: category.id, name: "Acte de naissance", online: true, requiresAccount: false,
                        form: FormDefinition(fields: [.init(key: "nom", label: "Nom", kind: .text, required: true)]),
                        requiredDocuments: [], qualityOfService: QualityOfService(maximumDays: 5, reminderDays: 2)),
                    status: .created)
                // Seasons through the API: the second overlaps the first and is refused in French.
                let season = SeasonAndLockTests.season(
                    "2027", registration: (CivilDate(2027, 1, 1), CivilDate(2027, 1, 31)),
                    run: (CivilDate(2027, 2, 1), CivilDate(2027, 12, 31)), teleservice: teleservice.id ?? 0)
                let saved = try await agent.decode(
                    Season.self, .post, "/api/demarches/teleservices/\(teleservice.id ?? 0)/saisons", json: season,
                    status: .created)
                #expect(saved.id != nil && saved.end == CivilDate(2027, 12, 31))
                var overlapping = season
                overlapping.name = "Fin 2027"
                overlapping.registrationOpens = CivilDate(2027, 6, 1)
                overlapping.registrationCloses = CivilDate(2027, 6, 30)
                let refusedSeason = try await agent.send(
                    .post, "/api/demarches/teleservices/\(teleservice.id ?? 0)/saisons", json: overlapping)
                #expect(refusedSeason.status == .badRequest)
                #expect(String(buffer: refusedSeason.body).contains("chevauche la saison « 2027 »"))
                let filed = try await harness.withDatabase { database in
                    try await CitizenRequestService(database: database).file(
                        .init(
                            teleserviceID: teleservice.id ?? 0, requesterName: "Marie Curie",
                            data: ["nom": ["Curie"]]))
                }
                let id = try #require(filed.id)
                let board = try await agent.decode(RequestAPIModels.TaskBoard.self, .get, "/api/demarches/taches")
                #expect(board.new.map(\.id) == [id])
                #expect(board.new.first?.quality == .onTime)
                let found = try await agent.decode(
                    RequestAPIModels.SummaryList.self, .get, "/api/demarches/demandes?demandeur=curie&tri=number")
                #expect(found.requests.map(\.number) == [filed.number])
                let opened = try await agent.decode(
                    RequestAPIModels.Detail.self, .post, "/api/demarches/demandes/\(id)/verrou")
                #expect(opened.lock?.agentId == agent.agentID)
                #expect(opened.allowedStates.contains(.inProgress))
                let refused = try await agent.send(
                    .post, "/api/demarches/demandes/\(id)/transitions",
                    json: RequestAPIModels.TransitionBody(state: .notified, note: nil))
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("les états possibles sont"))
                let moved = try await agent.decode(
                    RequestAPIModels.Detail.self, .post, "/api/demarches/demandes/\(id)/transitions",
                    json: RequestAPIModels.TransitionBody(state: .inProgress, note: "Pris en charge"))
                #expect(moved.state == .inProgress && moved.stateLabel == "En cours")
                let note = try await agent.decode(
                    RequestAPIModels.Note.self, .post, "/api/demarches/demandes/\(id)/notes",
                    json: RequestAPIModels.NewNote(kind: .public, text: "Votre acte est prêt"), status: .created)
                #expect(note.kind == .public)
                let data = try await agent.decode(
                    RequestAPIModels.Detail.self, .put, "/api/demarches/demandes/\(id)/donnees/etat",
                    json: RequestAPIModels.DataStateBody(state: .validated))
                #expect(data.dataState == .validated)
                #expect(data.history.count == 5)  // filed, locked, state, note, data state
                // A field edited in place sends the data back to "En attente".
                let edited = try await agent.decode(
                    RequestAPIModels.Detail.self, .put, "/api/demarches/demandes/\(id)/champs/nom",
                    json: RequestAPIModels.FieldBody(values: ["Curie-Skłodowska"]))
                #expect(edited.data["nom"] == ["Curie-Skłodowska"] && edited.dataState == .pending)
                #expect(edited.history.last?.summary == "Champ « Nom » : « Curie » → « Curie-Skłodowska »")
                #expect(
                    try await agent.send(
                        .put, "/api/demarches/demandes/\(id)/champs/inconnu",
                        json: RequestAPIModels.FieldBody(values: ["x"])
                    ).status == .badRequest)
                // Another entity's agent without rights: 404, as for everything out of sight.
                #expect(try await stranger.send(.get, "/api/demarches/demandes/\(id)").status == .notFound)
                #expect(try await stranger.send(.post, "/api/demarches/demandes/\(id)/verrou").status == .notFound)
                // Household search: agents with a right on some category only.
                let households = try await agent.decode(
                    HouseholdController.HouseholdList.self, .get, "/api/demarches/foyers?etat=valid")
                #expect(households.households.isEmpty)
                #expect(try await stranger.send(.get, "/api/demarches/foyers").status == .forbidden)
                #expect(try await agent.send(.get, "/api/demarches/foyers?statut=bloque").status == .badRequest)
                let released = try await agent.decode(
                    RequestAPIModels.Detail.self, .delete, "/api/demarches/demandes/\(id)/verrou")
                #expect(released.lock == nil)
                #expect(try await agent.send(.get, "/api/demarches/demandes?du=2027-13-01").status == .badRequest)
            }
        }
    }
}
