import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The « Tableau de bord » through the page, on both backends: search, favourites chosen and automatic,
/// registers' counters and CSV links, suites shown both ways, references with hyphens.
extension DatabaseTests {
    struct DashboardWebTests {
        @Test(arguments: StorageBackend.available)
        func searchFavouritesCountersAndSuites(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["buyer": [.buyer], "prm": [.contractingAuthority]])
                let (buyer, prm) = (try fixture["buyer"], try fixture["prm"])
                typealias View = APIModels.ConsultationView
                var ids: [String: Int64] = [:]
                for reference in ["AOR-C-0611", "AOR-O-0611", "TEST-2021-03"] {
                    var input = fixture.input(reference: reference)
                    if reference == "TEST-2021-03" {
                        input.title = "Nettoyage des écoles"
                        input.object = "Entretien"
                    }
                    ids[reference] = try await buyer.decode(
                        View.self, .post, "/api/consultations", json: input, status: .created
                    ).id
                }
                let candidature = try #require(ids["AOR-C-0611"])
                let offer = try #require(ids["AOR-O-0611"])
                let cleaning = try #require(ids["TEST-2021-03"])
                // AOR-O-0611 is the suite of AOR-C-0611 (« Créer une suite » needs a decision first).
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.update("consultations").set("previous_consultation_id", to: candidature)
                            .where("id", .equal, offer).run()
                    }
                }

                let board = try await prm.page("/consultations")
                #expect(board.contains(">AOR-C-0611</a>"))
                #expect(board.contains(">TEST-2021-03</a>"))
                #expect(board.contains("→ Procédure amont : <a href=\"/consultations/\(candidature)\">AOR-C-0611</a>"))
                #expect(board.contains("→ Procédure(s) aval : <a href=\"/consultations/\(offer)\">AOR-O-0611</a>"))
                #expect(board.contains("Retraits : 0"))
                #expect(board.contains("Dépôts : 0"))
                #expect(board.contains("<a href=\"/consultations/\(cleaning)#questions\">Questions : 0</a>"))
                #expect(board.contains("<a href=\"/consultations/\(cleaning)#dce\">Retraits : 0</a>"))
                #expect(board.contains("/api/consultations/\(cleaning)/registres/questions.csv"))
                #expect(board.contains("<a href=\"/consultations/\(cleaning)#messagerie\">Messages : 0</a>"))
                #expect(board.contains("/api/consultations/\(cleaning)/registres/retraits.csv"))
                #expect(board.contains("/api/consultations/\(cleaning)/registres/messages.csv"))
                #expect(!board.contains("Favori automatique"))
                #expect(try await buyer.page("/consultations").contains("Favori automatique"))

                // Search.
                func found(_ query: String, as agent: AgentClient) async throws -> [String] {
                    let page = try await agent.page("/consultations?\(query)")
                    return ["AOR-C-0611", "AOR-O-0611", "TEST-2021-03"].filter { page.contains(">\($0)</a>") }
                }
                #expect(try await found("reference=aor-c", as: prm) == ["AOR-C-0611", "AOR-O-0611"])
                #expect(try await found("reference=AOR-C-0611", as: prm) == ["AOR-C-0611", "AOR-O-0611"])
                #expect(try await found("texte=nettoyage+ecoles", as: prm) == ["TEST-2021-03"])
                #expect(try await found("etat=consultation", as: prm) == [])
                #expect(try await found("etat=elaboration&procedure=appel-d-offres-ouvert", as: prm).count == 3)
                #expect(try await found("service=\(fixture.serviceID)", as: prm).count == 3)
                let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
                #expect(try await found("limiteAu=\(today)", as: prm) == [])
                let wrong = try await prm.send(.get, "/consultations?limiteDu=2026-13-40")
                #expect(wrong.status == .badRequest)
                #expect(String(buffer: wrong.body).contains("jj/mm/aaaa"))
                #expect(String(buffer: wrong.body).contains("id=\"dates-erreur\""))

                // Favourites: the PRM marks one; the buyer's are automatic.
                #expect(try await found("favoris=1", as: prm) == [])
                let marked = try await prm.postForm(
                    "/consultations/\(cleaning)/favori", [("retour", "/consultations?favoris=1")])
                #expect(marked.status == .seeOther)
                #expect(marked.headers[.location] == "/consultations?favoris=1")
                #expect(try await found("favoris=1", as: prm) == ["TEST-2021-03"])
                #expect(try await prm.page("/consultations").contains("Retirer des favoris : TEST-2021-03"))
                #expect(try await found("favoris=1", as: buyer).count == 3)
                let elsewhere = try await prm.postForm(
                    "/consultations/\(cleaning)/favori", [("retour", "https://ailleurs.invalid/")])
                #expect(elsewhere.headers[.location] == "/consultations")
                #expect(try await found("favoris=1", as: prm) == [])
                #expect(try await prm.postForm("/consultations/999999/favori", []).status == .notFound)
            }
        }

        /// An agent invited to a consultation without a role in its service sees it on the board, but not the
        /// counts of registers they may not read (« consulter les registres »).
        @Test(arguments: StorageBackend.available)
        func countersOnlyForAgentsWhoReadTheRegisters(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["buyer": [.buyer], "guest": []])
                let (buyer, guest) = (try fixture["buyer"], try fixture["guest"])
                var input = fixture.input(reference: "AO_INVIT_2")
                input.invitations = [ConsultationInvitation(agentID: guest.agentID)]
                let id = try await buyer.decode(
                    APIModels.ConsultationView.self, .post, "/api/consultations", json: input, status: .created
                ).id
                let seen = try await guest.page("/consultations")
                #expect(seen.contains(">AO_INVIT_2</a>"))
                #expect(!seen.contains("Retraits : "))
                #expect(!seen.contains("/api/consultations/\(id)/registres/"))
                #expect(try await buyer.page("/consultations").contains("Questions : 0"))
                let csv = try await guest.send(.get, "/api/consultations/\(id)/registres/questions.csv")
                #expect(csv.status == .forbidden || csv.status == .notFound)
            }
        }
    }
}
