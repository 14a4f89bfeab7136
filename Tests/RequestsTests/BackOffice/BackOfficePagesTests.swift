import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The back office's pages through the router: rights per category, the lock shown read only, contact,
/// templates, tracking CSV.
extension DatabaseTests {
    struct BackOfficePagesTests {
        @Test(arguments: StorageBackend.available)
        func pagesFollowRightsAndLocks(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(
                    harness, client, category: "État civil", colleagueRight: .write)
                let (manager, colleague, stranger) = (cast.manager, cast.colleague, cast.stranger)
                let teleservice = try await cast.teleservice(
                    "Acte de naissance", in: harness, requiresAccount: false,
                    fields: [.init(key: "nom", label: "Nom", kind: .text, required: true)])
                let filed = try await harness.withDatabase { database in
                    try await CitizenRequestService(database: database).file(
                        .init(
                            teleserviceID: teleservice.id ?? 0, requesterName: "Marie Curie",
                            data: ["nom": ["Curie"]]))
                }
                let id = try #require(filed.id)
                let page = "/espace-agent/demarches/\(id)"
                // The task board lists the new request, for the entitled agent only.
                let board = try await manager.send(.get, "/espace-agent/demarches")
                #expect(board.status == .ok)
                #expect(String(buffer: board.body).contains("href=\"\(page)\">\(filed.number)</a>"))
                let strangerBoard = try await stranger.send(.get, "/espace-agent/demarches")
                #expect(!String(buffer: strangerBoard.body).contains(filed.number))
                let search = try await manager.send(
                    .get, "/espace-agent/demarches/recherche?demandeur=curie&foyer=&tri=number")
                #expect(search.status == .ok)
                #expect(String(buffer: search.body).contains(filed.number))
                // Opening locks the request for the manager; the page shows the zones.
                let opened = try await manager.send(.get, page)
                #expect(opened.status == .ok)
                let openedText = String(buffer: opened.body)
                #expect(openedText.contains("Vous avez verrouillé cette demande"))
                #expect(openedText.contains("id=\"donnees\"") && openedText.contains("id=\"justificatifs\""))
                #expect(openedText.contains("Passer à « En cours »"))
                // Another agent with write right reads only, told who holds the lock.
                let locked = try await colleague.send(.get, page)
                #expect(locked.status == .ok)
                let lockedText = String(buffer: locked.body)
                #expect(lockedText.contains("Lecture seule : demande verrouillée par Cergy Admin jusqu'au"))
                #expect(!lockedText.contains("Passer à"))
                #expect(!lockedText.contains("Reprendre le verrou"))
                let refused = try await colleague.send(.post, "\(page)/etat", bytes: Array("etat=in-progress".utf8))
                #expect(refused.status == .conflict)
                // Without access to the category: 404 on every page of the request.
                for path in [page, "\(page)/contacter", "\(page)/historique"] {
                    let response = try await stranger.send(.get, path)
                    #expect(response.status == .notFound, "\(path)")
                }
                // The manager moves it on, adds a public note, and contacts the citizen.
                let moved = try await manager.send(.post, "\(page)/etat", bytes: Array("etat=in-progress".utf8))
                #expect(moved.status == .seeOther || moved.status == .found || moved.status == .movedPermanently)
                _ = try await manager.send(
                    .post, "\(page)/notes", bytes: Array("type=public&texte=Pi%C3%A8ce+re%C3%A7ue".utf8))
                let badTemplate = try await manager.send(
                    .post, "/espace-agent/demarches/modeles",
                    bytes: Array("nom=Relance&texte=Bonjour+%24%7Bfoo%7D&action=enregistrer".utf8))
                #expect(badTemplate.status == .badRequest)
                #expect(String(buffer: badTemplate.body).contains("la variable « ${foo} » n&#39;existe pas"))
                let preview = try await manager.send(
                    .post, "/espace-agent/demarches/modeles",
                    bytes: Array("nom=Relance&texte=Bonjour+%24%7BnomDemandeur%7D&action=apercu".utf8))
                #expect(String(buffer: preview.body).contains("Bonjour Anne Legrand"))
                let saved = try await manager.send(
                    .post, "/espace-agent/demarches/modeles",
                    bytes: Array(
                        "nom=Relance&texte=Bonjour+%24%7BnomDemandeur%7D+%3A+%24%7Bobservation%7D&action=enregistrer"
                            .utf8))
                let templatePath = try #require(saved.headers[.location])
                let templateID = try #require(templatePath.split(separator: "/").last.map(String.init))
                let contacted = try await manager.send(
                    .post, "\(page)/contacter",
                    bytes: Array("moyen=email&modele=\(templateID)&message=%C3%80+bient%C3%B4t".utf8))
                #expect(contacted.status == .ok)
                let contactText = String(buffer: contacted.body)
                #expect(contactText.contains("<p>Bonjour Marie Curie : À bientôt</p>"))
                let pdf = try await manager.send(
                    .get, "\(page)/courrier.pdf?modele=\(templateID)&moyen=email&message=%C3%80+bient%C3%B4t")
                #expect(pdf.headers[.contentType] == "application/pdf")
                #expect(String(buffer: pdf.body).hasPrefix("%PDF-1.4"))
                let history = try await manager.send(.get, "\(page)/historique")
                let historyText = String(buffer: history.body)
                #expect(
                    historyText.contains(
                        "Citoyen contacté par « E-mail » avec le modèle « Relance » — message : À bientôt"))
                #expect(historyText.contains("État : « En attente » → « En cours »"))
                // Printable alone (the stylesheet's print rules), printed by a button of the page's script,
                // no inline handler (the CSP forbids them).
                #expect(historyText.contains("<article class=\"letter history-print\""))
                #expect(
                    historyText.contains("<button type=\"button\" class=\"btn\" data-print hidden>Imprimer</button>"))
                #expect(!historyText.contains("onclick") && !historyText.contains("style="))
                // Tracking: the CSV counts the request by state.
                let csv = try await manager.send(.get, "/espace-agent/demarches/suivi/etats.csv")
                #expect(csv.status == .ok)
                #expect(String(buffer: csv.body) == "\u{FEFF}État;Nombre\r\nEn cours;1\r\n")
                let strangerCSV = try await stranger.send(.get, "/espace-agent/demarches/suivi/etats.csv")
                #expect(String(buffer: strangerCSV.body) == "\u{FEFF}État;Nombre\r\n")
                let tracking = try await manager.send(.get, "/espace-agent/demarches/suivi")
                #expect(String(buffer: tracking.body).contains("Acte de naissance"))
                // Releasing the lock leads to the task board: back on the page, its GET would lock it again.
                let released = try await manager.send(.post, "\(page)/liberer")
                #expect(released.headers[.location] == "/espace-agent/demarches")
                let free = try await colleague.send(.get, page)
                #expect(String(buffer: free.body).contains("Vous avez verrouillé cette demande"))
            }
        }
    }
}
