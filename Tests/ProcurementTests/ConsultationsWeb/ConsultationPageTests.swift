import CoreModel
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

/// The French pages of consultations: forms render with their labels and CSRF field, and post.
extension DatabaseTests {
    struct ConsultationPageTests {
        private func form(reference: String, deadline: String, onlineFrom: String?, serviceID: Int64) -> [(
            String, String
        )] {
            var fields = [
                ("organisationId", String(serviceID)), ("contractType", "marche-public"),
                ("procedureType", "procedure-adaptee"), ("category", "services"), ("reference", reference),
                ("title", "Nettoyage des locaux"), ("object", "Entretien des écoles & crèches"),
                ("internalComment", "Note <interne>"), ("placeOfExecution", "Paris 11e"), ("deadline", deadline),
            ]
            if let onlineFrom {
                fields += [
                    ("mode", "standard"), ("cpv", "90910000"), ("onlineFrom", onlineFrom),
                    ("electronicResponse", "obligatoire"), ("signature", "autorisee"), ("openingMode", "par-reponse"),
                    ("encryption", "on"), ("envelopeApplication", "on"), ("envelopeOffer", "on"),
                ]
            } else {
                fields.append(("mode", "simplifiee"))
            }
            return fields
        }

        private func id(from response: TestResponse) throws -> Int64 {
            let location = try #require(response.headers[.location])
            return try #require(Int64(location.replacingOccurrences(of: "/consultations/", with: "")))
        }

        @Test(arguments: StorageBackend.available)
        func theFormsRenderAndPostWithTheirCSRFToken(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["buyer": [.buyer], "pcao": [.tenderBoardChair], "guest": []])
                let (buyer, pcao, guest) = (try fixture["buyer"], try fixture["pcao"], try fixture["guest"])
                let anonymous = try await client.executeRequest(
                    uri: "/consultations", method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .found)
                #expect(anonymous.headers[.location] == "/connexion")
                #expect(
                    try await buyer.page("/espace-agent").contains("<a href=\"/consultations\">Mes consultations</a>"))
                let list = try await buyer.page("/consultations")
                #expect(list.contains("Mes consultations"))
                #expect(list.contains("class=\"empty-state\""))
                #expect(list.contains("/consultations/nouvelle?mode=simplifiee"))
                #expect(!(try await pcao.page("/consultations")).contains("/consultations/nouvelle"))
                #expect(try await pcao.send(.get, "/consultations/nouvelle").status == .forbidden)

                let standard = try await buyer.page("/consultations/nouvelle")
                for label in [
                    "Référence", "Intitulé de la consultation", "Objet de la consultation", "Commentaire interne",
                    "Type de procédure", "Catégorie principale", "Code CPV", "Lieu d'exécution",
                    "Date limite de remise des plis", "Date de mise en ligne", "Réponse électronique",
                    "Signature électronique", "Mode d'ouverture", "Chiffrement de la réponse avec clé cryptographique",
                ] {
                    #expect(standard.contains(escapeHTML(label)), "\(label)")
                }
                #expect(standard.contains("name=\"_csrf\" value=\"\(buyer.csrfToken)\""))
                let simplified = try await buyer.page("/consultations/nouvelle?mode=simplifiee")
                #expect(simplified.contains(escapeHTML("Création d'une consultation simplifiée")))
                #expect(!simplified.contains("Code CPV"))
                #expect(!simplified.contains("Date de mise en ligne"))

                // Without the token nothing is created.
                let fields = form(
                    reference: "MAPA_2026_07", deadline: "01/07/2030 12:00", onlineFrom: "01/06/2030 09:00",
                    serviceID: fixture.serviceID)
                #expect(try await buyer.postForm("/consultations/nouvelle", fields, csrf: false).status == .forbidden)
                // A refused form comes back filled in, with the reason.
                var wrong = fields
                wrong[4] = ("reference", "MAPA 2026")
                let refused = try await buyer.postForm("/consultations/nouvelle", wrong)
                #expect(refused.status == .badRequest)
                let refusedPage = String(buffer: refused.body)
                #expect(refusedPage.contains(escapeHTML("n'accepte pas les espaces")))
                #expect(refusedPage.contains("Nettoyage des locaux"))
                // …at the top, linked to the field, and beside the field itself.
                #expect(refusedPage.contains("id=\"erreurs\""))
                #expect(refusedPage.contains("<a href=\"#reference\">"))
                #expect(refusedPage.contains("<p class=\"field__error\" id=\"reference-erreur\">"))
                #expect(
                    refusedPage.contains(
                        "<input id=\"reference\" name=\"reference\" value=\"MAPA 2026\" autocomplete=\"off\" required "
                            + "aria-describedby=\"reference-aide reference-erreur\" aria-invalid=\"true\">"))

                #expect(standard.contains("name=\"invite\" value=\"\(guest.agentID)\""))
                #expect(!standard.contains("name=\"invite\" value=\"\(buyer.agentID)\""))
                let created = try await buyer.postForm(
                    "/consultations/nouvelle",
                    fields + [("invite", String(guest.agentID)), ("permanent-\(guest.agentID)", "on")])
                #expect(created.status == .seeOther)
                let id = try id(from: created)
                // The invited agent, who holds no role, sees it.
                let guestList = try await guest.page("/consultations")
                #expect(guestList.contains(">MAPA_2026_07</a>"))
                #expect(guestList.contains("<span class=\"badge badge--neutral\">Elaboration</span>"))
                #expect(guestList.contains("data-sort=\"date-fr\""))
                #expect(try await guest.page("/consultations/\(id)").contains("guest Martin (invité permanent)"))
                let page = try await buyer.page("/consultations/\(id)")
                #expect(stepShown(page) == "Elaboration")
                // Paris time in, Paris time out; stored in UTC (12:00 in July is 10:00 UTC).
                #expect(page.contains("01/07/2030 12:00"))
                #expect(page.contains("01/06/2030 09:00"))
                #expect(page.contains("Note &lt;interne&gt;"))
                let stored = try await buyer.decode(APIModels.ConsultationDetail.self, .get, "/api/consultations/\(id)")
                #expect(stored.consultation.deadline == 1_909_130_400)
                #expect(stored.consultation.modalities.envelopes == [.application, .offer])
                #expect(stored.consultation.modalities.signature == .allowed)
                #expect(page.contains("Demander la validation"))
                #expect(!page.contains(">Valider<"))

                // Modification in elaboration.
                let edit = try await buyer.page("/consultations/\(id)/modifier")
                #expect(edit.contains("value=\"01/07/2030 12:00\""))
                #expect(edit.contains("id=\"permanent-\(guest.agentID)\" name=\"permanent-\(guest.agentID)\" checked"))
                var changed = fields
                changed[5] = ("title", "Nettoyage des locaux scolaires")
                #expect(try await buyer.postForm("/consultations/\(id)/modifier", changed).status == .seeOther)
                #expect(try await buyer.page("/consultations/\(id)").contains("Nettoyage des locaux scolaires"))
                // Saved without the invitation ticked: the guest loses access.
                #expect(try await guest.send(.get, "/consultations/\(id)").status == .notFound)

                #expect(
                    try await buyer.postForm("/consultations/\(id)/demander-validation", [("comment", "")]).status
                        == .seeOther)
                // The buyer of a large entity cannot validate: the page says why.
                let denied = try await buyer.postForm("/consultations/\(id)/valider", [("comment", "")])
                #expect(denied.status == .forbidden)
                #expect(String(buffer: denied.body).contains("Valider les consultations"))
                let waiting = try await pcao.page("/consultations/\(id)")
                #expect(stepShown(waiting) == "En attente de validation")
                #expect(waiting.contains("action=\"/consultations/\(id)/valider\""))
                let validated = try await pcao.postForm(
                    "/consultations/\(id)/valider", [("comment", "OK pour publication")])
                #expect(validated.status == .seeOther)
                let online = try await pcao.page("/consultations/\(id)")
                #expect(stepShown(online) == "Consultation")
                #expect(online.contains("OK pour publication"))
                #expect(online.contains("Elaboration → En attente de validation"))
                #expect(online.contains("En attente de validation → Consultation"))
                #expect(online.contains("L'ouverture des plis sera possible à partir du 01/07/2030 12:00"))
                let again = try await pcao.postForm("/consultations/\(id)/valider", [("comment", "")])
                #expect(again.status == .conflict)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theSimplifiedFormCreatesAConsultationThatWaitsForItsDeadline(backend: StorageBackend)
            async throws
        {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, serviceType: .singleActor, roles: ["seul": [.singleActor]])
                let agent = try fixture["seul"]
                let deadline = ParisTime.format(Timestamp.now() + 120)
                let created = try await agent.postForm(
                    "/consultations/nouvelle",
                    form(reference: "DEVIS_0001", deadline: deadline, onlineFrom: nil, serviceID: fixture.serviceID))
                #expect(created.status == .seeOther)
                let id = try id(from: created)
                let page = try await agent.page("/consultations/\(id)")
                #expect(page.contains("Consultation simplifiée"))
                for action in ["demander-validation", "valider"] {
                    #expect(try await agent.postForm("/consultations/\(id)/\(action)", []).status == .seeOther)
                }
                let early = try await agent.postForm("/consultations/\(id)/ouvrir", [])
                #expect(early.status == .conflict)
                #expect(stepShown(String(buffer: early.body)) == "Consultation")
                #expect(try await agent.page("/consultations").contains("DEVIS_0001"))
            }
        }
        @Test(arguments: StorageBackend.available)
        func openingDecisionsAndSuitesPostFromThePage(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, serviceType: .singleActor, roles: ["seul": [.singleActor]])
                let agent = try fixture["seul"]
                let created = try await agent.decode(
                    APIModels.ConsultationView.self, .post, "/api/consultations",
                    json: fixture.input(reference: "AO_PAGE_01", deadlineIn: 3), status: .created)
                var dividedInput = fixture.input(reference: "AO_PAGE_LOTS", deadlineIn: 3)
                dividedInput.lots = [
                    ConsultationLot(number: 1, title: "Voirie"), ConsultationLot(number: 2, title: "Éclairage"),
                ]
                let divided = try await agent.decode(
                    APIModels.ConsultationView.self, .post, "/api/consultations", json: dividedInput, status: .created)
                let id = created.id
                for action in ["demander-validation", "valider"] {
                    #expect(try await agent.postForm("/consultations/\(id)/\(action)", []).status == .seeOther)
                    #expect(try await agent.postForm("/consultations/\(divided.id)/\(action)", []).status == .seeOther)
                }
                try await waitUntil(max(created.deadline, divided.deadline))
                #expect(try await agent.postForm("/consultations/\(divided.id)/ouvrir", []).status == .seeOther)
                let lotsPage = try await agent.page("/consultations/\(divided.id)")
                #expect(lotsPage.contains("name=\"kind1\"") && lotsPage.contains("name=\"kind2\""))
                let partial = try await agent.postForm(
                    "/consultations/\(divided.id)/decider", [("kind1", "attribution")])
                #expect(partial.status == .badRequest)
                #expect(String(buffer: partial.body).contains("lot(s) 2"))
                #expect(
                    try await agent.postForm(
                        "/consultations/\(divided.id)/decider", [("kind1", "attribution"), ("kind2", "infructueux")]
                    ).status == .seeOther)
                let lotsDecided = try await agent.page("/consultations/\(divided.id)")
                #expect(lotsDecided.contains("Lot 1 : Attribution"))
                #expect(lotsDecided.contains("Lot 2 : Déclarée infructueuse"))
                // Lot 2 alone is reset from the page; the decision form then asks for lot 2 only.
                #expect(lotsDecided.contains("<option value=\"2\">Lot 2</option>"))
                #expect(
                    try await agent.postForm(
                        "/consultations/\(divided.id)/reinitialiser-decision", [("lot", "2"), ("comment", "Recours")]
                    ).status == .seeOther)
                let lotTwo = try await agent.page("/consultations/\(divided.id)")
                #expect(!lotTwo.contains("name=\"kind1\"") && lotTwo.contains("name=\"kind2\""))
                #expect(lotTwo.contains("Lot 1 : Attribution") && !lotTwo.contains("Lot 2 : Déclarée infructueuse"))
                #expect(
                    try await agent.postForm("/consultations/\(divided.id)/decider", [("kind2", "attribution")]).status
                        == .seeOther)
                #expect(try await agent.page("/consultations/\(divided.id)").contains("Lot 2 : Attribution"))
                let opening = try await agent.page("/consultations/\(id)")
                #expect(opening.contains("action=\"/consultations/\(id)/ouvrir\""))
                #expect(try await agent.postForm("/consultations/\(id)/ouvrir", []).status == .seeOther)
                let analysis = try await agent.page("/consultations/\(id)")
                #expect(stepShown(analysis) == "Ouverture et Analyse")
                #expect(analysis.contains("<select id=\"kind\" name=\"kind\">"))
                let unknown = try await agent.postForm("/consultations/\(id)/decider", [("kind", "gagnant")])
                #expect(unknown.status == .badRequest)
                #expect(
                    try await agent.postForm(
                        "/consultations/\(id)/decider",
                        [("kind", "attribution"), ("comment", "Offre la mieux-disante")]
                    ).status == .seeOther)
                let decided = try await agent.page("/consultations/\(id)")
                #expect(stepShown(decided) == "Décision")
                #expect(decided.contains("Attribution — Offre la mieux-disante"))
                #expect(
                    try await agent.postForm("/consultations/\(id)/reinitialiser-decision", []).status == .seeOther)
                #expect(!(try await agent.page("/consultations/\(id)")).contains("Attribution —"))
                _ = try await agent.postForm("/consultations/\(id)/decider", [("kind", "selection")])
                let suite = try await agent.postForm("/consultations/\(id)/creer-suite", [("reference", "AO_PAGE_02")])
                #expect(suite.status == .seeOther)
                let suiteID = try #require(
                    suite.headers[.location].flatMap { Int64($0.replacingOccurrences(of: "/consultations/", with: "")) }
                )
                #expect(suiteID != id)
                let suitePage = try await agent.page("/consultations/\(suiteID)")
                #expect(stepShown(suitePage) == "Elaboration")
                #expect(suitePage.contains("Suite de la consultation AO_PAGE_01"))
            }
        }
        @Test(arguments: StorageBackend.available)
        func lotsAreTypedOnePerLineInTheStandardForm(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, serviceType: .small, roles: ["prm": [.contractingAuthorityAndChair]])
                let agent = try fixture["prm"]
                var fields = form(
                    reference: "AO_LOTS_01", deadline: "01/07/2030 12:00", onlineFrom: "01/06/2030 09:00",
                    serviceID: fixture.serviceID)
                fields.append(("lots", "Gros œuvre"))
                let single = try await agent.postForm("/consultations/nouvelle", fields)
                #expect(single.status == .badRequest)
                #expect(String(buffer: single.body).contains("au moins deux lots"))
                fields[fields.count - 1] = ("lots", "Gros œuvre\r\n\r\nCharpente - couverture\r\n")
                let created = try await agent.postForm("/consultations/nouvelle", fields)
                #expect(created.status == .seeOther)
                let id = try id(from: created)
                let stored = try await agent.decode(APIModels.ConsultationDetail.self, .get, "/api/consultations/\(id)")
                #expect(
                    stored.consultation.lots == [
                        ConsultationLot(number: 1, title: "Gros œuvre"),
                        ConsultationLot(number: 2, title: "Charpente - couverture"),
                    ])
                let page = try await agent.page("/consultations/\(id)")
                #expect(page.contains("Lot 2 : Charpente - couverture"))
                #expect(
                    try await agent.page("/consultations/\(id)/modifier").contains("Gros œuvre\nCharpente - couverture")
                )
            }
        }
    }
}
