import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The consultation use cases through the JSON API, on both backends.
extension DatabaseTests {
    struct ConsultationAPITests {
        private typealias View = APIModels.ConsultationView

        private func decision(_ kind: ConsultationDecision.Kind = .award) -> APIModels.DecisionInput {
            APIModels.DecisionInput(decisions: [ConsultationDecision(lotNumber: nil, kind: kind)])
        }

        @Test(arguments: StorageBackend.available)
        func aLargeEntitySplitsCreationValidationOpeningAndDecision(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client,
                    roles: [
                        "assistant": [.buyerAssistant], "buyer": [.buyer], "pcao": [.tenderBoardChair],
                        "nobody": [],
                    ])
                let (assistant, buyer, pcao) = (try fixture["assistant"], try fixture["buyer"], try fixture["pcao"])
                #expect(
                    try await assistant.send(.post, "/api/consultations", json: fixture.input(reference: "AO_2026_01"))
                        .status == .forbidden)
                #expect(
                    try await pcao.send(.post, "/api/consultations", json: fixture.input(reference: "AO_2026_01"))
                        .status == .forbidden)
                let created = try await buyer.decode(
                    View.self, .post, "/api/consultations", json: fixture.input(reference: "AO_2026_01", deadlineIn: 5),
                    status: .created)
                #expect(created.state == .elaboration)
                #expect(created.createdBy == buyer.agentID)
                let deadline = created.deadline

                // The assistant reads it; an agent of the entity without any role does not even see it.
                _ = try await assistant.decode(
                    APIModels.ConsultationDetail.self, .get, "/api/consultations/\(created.id)")
                #expect(try await fixture["nobody"].send(.get, "/api/consultations/\(created.id)").status == .notFound)
                #expect(try await fixture["nobody"].decode([View].self, .get, "/api/consultations").isEmpty)
                #expect(try await assistant.decode([View].self, .get, "/api/consultations").map(\.id) == [created.id])

                #expect(try await assistant.send(.post, "/api/consultations/\(created.id)/submit").status == .forbidden)
                let submitted = try await buyer.decode(View.self, .post, "/api/consultations/\(created.id)/submit")
                #expect(submitted.state == .awaitingValidation)
                // In a large entity the buyer may not validate: the PCAO does.
                #expect(try await buyer.send(.post, "/api/consultations/\(created.id)/validate").status == .forbidden)
                let detail = try await pcao.decode(
                    APIModels.ConsultationDetail.self, .get, "/api/consultations/\(created.id)")
                #expect(detail.actions.contains(.validate))
                #expect(!detail.actions.contains(.submit))
                let validated = try await pcao.decode(
                    View.self, .post, "/api/consultations/\(created.id)/validate",
                    json: APIModels.TransitionInput(comment: "Bon pour publication"))
                #expect(validated.state == .consultation)

                // Opening: never before the deadline, and only with the opening right.
                let early = try await pcao.send(.post, "/api/consultations/\(created.id)/open")
                #expect(early.status == .conflict)
                #expect(String(buffer: early.body).contains("à partir de la date limite"))
                try await waitUntil(deadline)
                #expect(try await buyer.send(.post, "/api/consultations/\(created.id)/open").status == .forbidden)
                let opened = try await pcao.decode(View.self, .post, "/api/consultations/\(created.id)/open")
                #expect(opened.state == .openingAndAnalysis)

                // Decision: the buyer decides, the PCAO may not.
                #expect(
                    try await pcao.send(.post, "/api/consultations/\(created.id)/decide", json: decision()).status
                        == .forbidden)
                let incomplete = try await buyer.send(
                    .post, "/api/consultations/\(created.id)/decide",
                    json: APIModels.DecisionInput(decisions: [ConsultationDecision(lotNumber: 1, kind: .award)]))
                #expect(incomplete.status == .badRequest)
                let decided = try await buyer.decode(
                    View.self, .post, "/api/consultations/\(created.id)/decide", json: decision())
                #expect(decided.state == .decision)
                let lotOfUndivided = try await buyer.send(
                    .post, "/api/consultations/\(created.id)/reset-decision", json: APIModels.TransitionInput(lot: 1))
                #expect(lotOfUndivided.status == .badRequest)
                let reset = try await buyer.decode(View.self, .post, "/api/consultations/\(created.id)/reset-decision")
                #expect(reset.state == .openingAndAnalysis)
                _ = try await buyer.decode(
                    View.self, .post, "/api/consultations/\(created.id)/decide", json: decision(.selection))
                let suite = try await buyer.decode(
                    View.self, .post, "/api/consultations/\(created.id)/suite",
                    json: APIModels.SuiteInput(reference: "AO_2026_01_S"), status: .created)
                #expect(suite.previousConsultationId == created.id)
                #expect(suite.state == .elaboration)

                let history = try await assistant.decode(
                    [APIModels.StateChangeView].self, .get, "/api/consultations/\(created.id)/history")
                #expect(
                    history.map(\.to) == [
                        .elaboration, .awaitingValidation, .consultation, .openingAndAnalysis, .decision,
                        .openingAndAnalysis, .decision,
                    ])
                #expect(history[2].comment == "Bon pour publication")
                #expect(history[2].agentId == pcao.agentID)
                let file = try await buyer.decode(
                    APIModels.ConsultationDetail.self, .get, "/api/consultations/\(created.id)")
                #expect(file.decisions.map(\.kind) == [.selection])

                let actions = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .consultation(created.id))
                    }
                }
                #expect(
                    actions.map(\.event.action) == [
                        .consultationCreated, .consultationSubmitted, .consultationValidated, .consultationOpened,
                        .consultationDecided, .consultationDecisionReset, .consultationDecided,
                        .consultationSuiteCreated,
                    ])
                #expect(actions.allSatisfy { $0.event.entityID == fixture.entityID })
                #expect(actions[2].event.actor == .agent(pcao.agentID))
                #expect(actions[2].event.details["reference"] == "AO_2026_01")
                let verification = try await harness.withDatabase { database in
                    try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                }
                guard case .intact = verification else {
                    Issue.record("the journal does not verify: \(verification)")
                    return
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aMediumServiceLetsTheBuyerValidateButOnlyTheChairOpen(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, serviceType: .medium, roles: ["buyer": [.buyer], "pcao": [.tenderBoardChair]])
                let (buyer, pcao) = (try fixture["buyer"], try fixture["pcao"])
                #expect(
                    try await pcao.send(.post, "/api/consultations", json: fixture.input(reference: "MAPA_0001"))
                        .status == .forbidden)
                let created = try await buyer.decode(
                    View.self, .post, "/api/consultations", json: fixture.input(reference: "MAPA_0001", deadlineIn: 4),
                    status: .created)
                _ = try await buyer.decode(View.self, .post, "/api/consultations/\(created.id)/submit")
                #expect(try await pcao.send(.post, "/api/consultations/\(created.id)/validate").status == .forbidden)
                let validated = try await buyer.decode(View.self, .post, "/api/consultations/\(created.id)/validate")
                #expect(validated.state == .consultation)
                try await waitUntil(created.deadline)
                #expect(try await buyer.send(.post, "/api/consultations/\(created.id)/open").status == .forbidden)
                _ = try await pcao.decode(View.self, .post, "/api/consultations/\(created.id)/open")
                #expect(
                    try await pcao.send(.post, "/api/consultations/\(created.id)/decide", json: decision()).status
                        == .forbidden)
                let decided = try await buyer.decode(
                    View.self, .post, "/api/consultations/\(created.id)/decide", json: decision(.unsuccessful))
                #expect(decided.state == .decision)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aSmallEntitysPRMAndASingleActorDoEverything(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let small = try await ConsultationWebFixture.make(
                    harness, client, name: "Village", prefix: "v", serviceType: .small,
                    roles: ["prm": [.contractingAuthorityAndChair]])
                let single = try await ConsultationWebFixture.make(
                    harness, client, name: "Syndicat", prefix: "s", serviceType: .singleActor,
                    roles: ["seul": [.singleActor]])
                for (fixture, login, reference) in [(small, "prm", "VIL_00001"), (single, "seul", "SYN_00001")] {
                    let agent = try fixture[login]
                    let created = try await agent.decode(
                        View.self, .post, "/api/consultations",
                        json: fixture.input(reference: reference, deadlineIn: 4),
                        status: .created)
                    for action in ["submit", "validate"] {
                        _ = try await agent.decode(View.self, .post, "/api/consultations/\(created.id)/\(action)")
                    }
                    try await waitUntil(created.deadline)
                    _ = try await agent.decode(View.self, .post, "/api/consultations/\(created.id)/open")
                    let decided = try await agent.decode(
                        View.self, .post, "/api/consultations/\(created.id)/decide", json: decision(.discontinued))
                    #expect(decided.state == .decision)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func entitiesSeeNothingOfEachOthersConsultations(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let a = try await ConsultationWebFixture.make(
                    harness, client, roles: ["buyer-a": [.buyer], "pcao-a": [.tenderBoardChair]])
                let b = try await ConsultationWebFixture.make(
                    harness, client, name: "Ville B", prefix: "b", serviceType: .small,
                    roles: ["prm-b": [.contractingAuthorityAndChair]])
                let created = try await a["buyer-a"].decode(
                    View.self, .post, "/api/consultations", json: a.input(reference: "AO_A_0001"), status: .created)
                _ = try await a["buyer-a"].decode(View.self, .post, "/api/consultations/\(created.id)/submit")
                let anonymous = try await client.executeRequest(
                    uri: "/api/consultations/\(created.id)", method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .unauthorized)
                let stranger = try b["prm-b"]
                #expect(try await stranger.send(.get, "/api/consultations/\(created.id)").status == .notFound)
                #expect(try await stranger.send(.get, "/api/consultations/\(created.id)/history").status == .notFound)
                #expect(try await stranger.send(.post, "/api/consultations/\(created.id)/validate").status == .notFound)
                let foreignPage = try await stranger.send(.get, "/consultations/\(created.id)")
                #expect(foreignPage.status == .notFound)
                #expect(foreignPage.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: foreignPage.body).contains("Consultation introuvable."))
                #expect(try await stranger.decode([View].self, .get, "/api/consultations").isEmpty)
                // Creating in the other entity's service: that service does not exist for them.
                #expect(
                    try await stranger.send(.post, "/api/consultations", json: a.input(reference: "AO_B_0001"))
                        .status == .notFound)
                // A missing consultation and a foreign one answer alike.
                let missing = try await stranger.send(.get, "/api/consultations/999999")
                let foreign = try await stranger.send(.get, "/api/consultations/\(created.id)")
                #expect(String(buffer: missing.body) == String(buffer: foreign.body))
                // A reference is unique on the whole platform, without revealing the other consultation.
                let clash = try await stranger.send(.post, "/api/consultations", json: b.input(reference: "ao_a_0001"))
                #expect(clash.status == .badRequest)
                let state = try await a["pcao-a"].decode(
                    APIModels.ConsultationDetail.self, .get, "/api/consultations/\(created.id)"
                ).consultation
                #expect(state.state == .awaitingValidation)
            }
        }

        @Test(arguments: StorageBackend.available)
        func invitedAgentsSeeTheConsultationWithoutItsRights(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["buyer": [.buyer], "guest": [], "other": []])
                let other = try await ConsultationWebFixture.make(
                    harness, client, name: "Ville B", prefix: "b", roles: ["outsider": []])
                let (buyer, guest) = (try fixture["buyer"], try fixture["guest"])
                var input = fixture.input(reference: "AO_INVIT_1")
                input.invitations = [ConsultationInvitation(agentID: try other["outsider"].agentID)]
                // An agent of another entity cannot be invited: they do not exist for the buyer.
                #expect(try await buyer.send(.post, "/api/consultations", json: input).status == .notFound)
                input.invitations = [ConsultationInvitation(agentID: guest.agentID, permanent: true)]
                let created = try await buyer.decode(
                    View.self, .post, "/api/consultations", json: input, status: .created)
                #expect(created.invitations == [ConsultationInvitation(agentID: guest.agentID, permanent: true)])
                #expect(try await guest.decode([View].self, .get, "/api/consultations").map(\.id) == [created.id])
                let seen = try await guest.decode(
                    APIModels.ConsultationDetail.self, .get, "/api/consultations/\(created.id)")
                #expect(seen.actions.isEmpty)
                #expect(try await guest.send(.post, "/api/consultations/\(created.id)/submit").status == .forbidden)
                #expect(try await fixture["other"].send(.get, "/api/consultations/\(created.id)").status == .notFound)
                // A modification without invitations keeps them; an empty list withdraws them.
                input.invitations = nil
                input.title = "Intitulé revu"
                _ = try await buyer.decode(View.self, .put, "/api/consultations/\(created.id)", json: input)
                #expect(try await guest.send(.get, "/api/consultations/\(created.id)").status == .ok)
                input.invitations = []
                _ = try await buyer.decode(View.self, .put, "/api/consultations/\(created.id)", json: input)
                #expect(try await guest.send(.get, "/api/consultations/\(created.id)").status == .notFound)
            }
        }

        @Test(arguments: StorageBackend.available)
        func transitionsInTheWrongStateAreRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["prm": [.contractingAuthority], "buyer": [.buyer]])
                let prm = try fixture["prm"]
                let created = try await prm.decode(
                    View.self, .post, "/api/consultations", json: fixture.input(reference: "AO_2026_02"),
                    status: .created)
                let base = "/api/consultations/\(created.id)"
                for action in ["validate", "refuse", "open", "reset-decision"] {
                    let response = try await prm.send(.post, "\(base)/\(action)")
                    #expect(response.status == .conflict, "\(action) in elaboration")
                    #expect(String(buffer: response.body).contains("Elaboration"))
                }
                #expect(try await prm.send(.post, "\(base)/decide", json: decision()).status == .conflict)
                #expect(
                    try await prm.send(.post, "\(base)/suite", json: APIModels.SuiteInput(reference: "AO_2026_02S"))
                        .status == .conflict)
                // Modified while in elaboration, not after submission.
                var change = fixture.input(reference: "AO_2026_02")
                change.title = "Nouvel intitulé"
                #expect(try await prm.decode(View.self, .put, base, json: change).title == "Nouvel intitulé")
                _ = try await prm.decode(View.self, .post, "\(base)/submit")
                #expect(try await prm.send(.post, "\(base)/submit").status == .conflict)
                #expect(try await prm.send(.put, base, json: change).status == .conflict)
                // The validator refuses: back to elaboration, journalled.
                let refused = try await prm.decode(
                    View.self, .post, "\(base)/refuse", json: APIModels.TransitionInput(comment: "Calendrier à revoir"))
                #expect(refused.state == .elaboration)
                // Invalid fields are refused with the field named.
                var invalid = fixture.input(reference: "AO_2026_03")
                invalid.cpv = "03000000"
                let mismatch = try await prm.send(.post, "/api/consultations", json: invalid)
                #expect(mismatch.status == .badRequest)
                invalid = fixture.input(reference: "AO 2026")
                #expect(try await prm.send(.post, "/api/consultations", json: invalid).status == .badRequest)
                // A past deadline: submission is refused.
                let late = try await prm.decode(
                    View.self, .post, "/api/consultations", json: fixture.input(reference: "AO_2026_04", deadlineIn: 1),
                    status: .created)
                try await waitUntil(late.deadline)
                #expect(try await prm.send(.post, "/api/consultations/\(late.id)/submit").status == .conflict)
                let actions = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .consultation(created.id))
                    }
                }
                #expect(
                    actions.map(\.event.action) == [
                        .consultationCreated, .consultationUpdated, .consultationSubmitted,
                        .consultationReturnedToElaboration,
                    ])
            }
        }
    }
}
