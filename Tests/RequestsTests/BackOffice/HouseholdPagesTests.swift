import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// "Rechercher un compte foyer" and "Gestion d'un compte foyer" through the router: search, filters, the
/// zones, the state change written to the history, rights.
extension DatabaseTests {
    struct HouseholdPagesTests {
        @Test(arguments: StorageBackend.available)
        func searchOpenAndChangeTheAccountState(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader, stranger) = (cast.manager, cast.colleague, cast.stranger)
                let teleservice = try await cast.teleservice(
                    "Inscription à la cantine", in: harness,
                    fields: [.init(key: "ecole", label: "École", kind: .text, required: true)])
                let (curie, other) = try await harness.withDatabase { database in
                    let households = HouseholdService(database: database)
                    let curie = try await households.create(
                        Household(
                            email: "curie@example.invalid", address: "3 rue des Sciences, Cergy",
                            members: [
                                .init(role: .responsible, civility: .madame, lastName: "Curie", firstName: "Marie"),
                                .init(role: .child, civility: .madame, lastName: "Curie", firstName: "Irène"),
                            ]))
                    let other = try await households.create(
                        Household(
                            email: "zola@example.invalid",
                            members: [
                                .init(role: .responsible, civility: .monsieur, lastName: "Zola", firstName: "Émile"),
                                .init(role: .adult, civility: .madame, lastName: "Zola", firstName: "Irène"),
                            ]))
                    let filed = try await CitizenRequestService(database: database).file(
                        .init(
                            teleserviceID: teleservice.id ?? 0, householdID: curie.id,
                            requesterID: curie.members.first?.id, subjectID: curie.members.last?.id,
                            data: ["ecole": ["Jules Ferry"]]))
                    return ((curie, filed), other)
                }
                let root = "/espace-agent/demarches/foyers"
                // Searching by a first name finds both households; "responsable seulement" only Zola's… not at all.
                let both = String(buffer: try await reader.send(.get, "\(root)?nom=irene").body)
                #expect(both.contains(">\(curie.0.id ?? 0)</a>") && both.contains(">\(other.id ?? 0)</a>"))
                let responsibles = String(buffer: try await reader.send(.get, "\(root)?nom=irene&responsable=1").body)
                #expect(responsibles.contains("Aucun compte foyer."))
                let byName = String(buffer: try await reader.send(.get, "\(root)?nom=EMILE&responsable=1").body)
                #expect(byName.contains(">\(other.id ?? 0)</a>") && !byName.contains(">\(curie.0.id ?? 0)</a>"))
                let inProgress = String(buffer: try await reader.send(.get, "\(root)?etat=in-progress&tri=nom").body)
                let curieAt = try #require(inProgress.range(of: "Marie Curie"))
                let zolaAt = try #require(inProgress.range(of: "Émile Zola"))
                #expect(curieAt.lowerBound < zolaAt.lowerBound)
                let badNumber = try await reader.send(.get, "\(root)?numero=abc")
                #expect(badNumber.status == .badRequest)
                // The account's page: its zones, its request, no state form for a reader.
                let page = "\(root)/\(curie.0.id ?? 0)"
                let read = String(buffer: try await reader.send(.get, page).body)
                #expect(read.contains("id=\"donnees\"") && read.contains("3 rue des Sciences, Cergy"))
                #expect(read.contains("Irène") && read.contains("Enfant"))
                #expect(read.contains(curie.1.number))
                #expect(read.contains("Compte créé"))
                #expect(!read.contains("name=\"statut\""))
                let refused = try await reader.send(
                    .post, "\(page)/etat", bytes: Array("etat=valid&statut=inactive".utf8))
                #expect(refused.status == .forbidden)
                // An agent without any right on requests sees no household.
                #expect(try await stranger.send(.get, root).status == .forbidden)
                #expect(try await stranger.send(.get, page).status == .forbidden)
                #expect(try await manager.send(.get, "\(root)/999999").status == .notFound)
                // The manager validates and blocks the account; the history says who and what.
                let changed = try await manager.send(
                    .post, "\(page)/etat", bytes: Array("etat=valid&statut=inactive".utf8))
                #expect(changed.status == .seeOther || changed.status == .found)
                let after = String(buffer: try await manager.send(.get, page).body)
                #expect(after.contains("<span class=\"badge badge--success\" id=\"etat-compte\">Valide</span>"))
                #expect(after.contains("<span class=\"badge badge--danger\" id=\"statut-compte\">Inactif</span>"))
                #expect(after.contains("Cergy Admin") && after.contains("État « Valide », statut « Inactif »"))
                let missing = try await manager.send(.post, "\(page)/etat", bytes: Array("etat=&statut=active".utf8))
                #expect(missing.status == .badRequest)
                let inactive = try await harness.withDatabase { database in
                    try await HouseholdService(database: database).search(
                        name: nil, id: nil, state: nil, status: .inactive, by: manager.agentID)
                }
                #expect(inactive.map(\.id) == [curie.0.id])
            }
        }

        @Test(arguments: StorageBackend.available)
        func anAgentFilesARequestForTheHouseholdAtTheCounter(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader) = (cast.manager, cast.colleague)
                let teleservice = try await cast.teleservice(
                    "Inscription à la cantine", in: harness,
                    fields: [.init(key: "ecole", label: "École", kind: .text, required: true)])
                let household = try await harness.withDatabase { database in
                    try await HouseholdService(database: database).create(
                        Household(
                            email: "curie@example.invalid",
                            members: [
                                .init(role: .responsible, civility: .madame, lastName: "Curie", firstName: "Marie"),
                                .init(role: .child, civility: .madame, lastName: "Curie", firstName: "Irène"),
                            ]))
                }
                let page = "/espace-agent/demarches/foyers/\(household.id ?? 0)/demande"
                let child = try #require(household.members.last?.id)
                // The manager chooses the teleservice and gets its form; a reader is offered nothing.
                let form = String(
                    buffer: try await manager.send(.get, "\(page)?teleservice=\(teleservice.id ?? 0)").body)
                #expect(form.contains("id=\"demande-guichet\"") && form.contains("name=\"champ.ecole\""))
                let offered = String(buffer: try await reader.send(.get, page).body)
                #expect(offered.contains("Aucun téléservice en ligne"))
                let body = "teleservice=\(teleservice.id ?? 0)&sujet=\(child)"
                let refused = try await reader.send(.post, page, bytes: Array("\(body)&champ.ecole=Ferry".utf8))
                #expect(refused.status == .forbidden)
                // A required field left empty: the form again, with the reason.
                let missing = try await manager.send(.post, page, bytes: Array("\(body)&champ.ecole=".utf8))
                #expect(missing.status == .badRequest)
                #expect(String(buffer: missing.body).contains("ce champ est obligatoire"))
                let filed = try await manager.send(.post, page, bytes: Array("\(body)&champ.ecole=Jules+Ferry".utf8))
                #expect(filed.status == .seeOther)
                let location = try #require(filed.headers[.location])
                let requestID = try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
                let detail = try await harness.withDatabase { database in
                    try await CitizenRequestService(database: database).detail(requestID, for: manager.agentID)
                }
                #expect(detail.request.householdID == household.id)
                #expect(detail.request.requesterName == "Marie Curie" && detail.request.subjectName == "Irène Curie")
                #expect(detail.request.data == ["ecole": ["Jules Ferry"]])
                let first = try #require(detail.history.first)
                #expect(first.summary == "Demande saisie au guichet" && first.author == .agent(manager.agentID))
                // The household's page links to the counter form and lists the new request.
                let account = String(
                    buffer: try await manager.send(.get, "/espace-agent/demarches/foyers/\(household.id ?? 0)").body)
                #expect(account.contains("id=\"creer-demande\"") && account.contains(detail.request.number))
            }
        }

        /// At the counter the agent ticks the household's documents and joins those the citizen hands in;
        /// a reader cannot add any, nor anyone to an unknown household, and another household's document
        /// is unknown.
        @Test(arguments: StorageBackend.available)
        func documentsHandedInAtTheCounterAreAttachedToTheFiling(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader) = (cast.manager, cast.colleague)
                let proof = "Justificatif de domicile"
                let teleservice = try await cast.teleservice(
                    "Inscription à la cantine", in: harness,
                    fields: [.init(key: "ecole", label: "École", kind: .text)], requiredDocuments: [proof])
                let (household, other, kept, foreign) = try await harness.withDatabase { database in
                    let households = HouseholdService(database: database)
                    let household = try await households.create(
                        Household(
                            email: "curie@example.invalid",
                            members: [
                                .init(role: .responsible, civility: .madame, lastName: "Curie", firstName: "Marie")
                            ]))
                    let other = try await households.create(
                        Household(
                            email: "joliot@example.invalid",
                            members: [
                                .init(
                                    role: .responsible, civility: .monsieur, lastName: "Joliot", firstName: "Frédéric")
                            ]))
                    let kept = try await households.addDocument(
                        kind: proof, fileName: "quittance.pdf", sha256: String(repeating: "a", count: 64),
                        to: household.id ?? 0)
                    let foreign = try await households.addDocument(
                        kind: proof, fileName: "autre.pdf", sha256: String(repeating: "b", count: 64), to: other.id ?? 0
                    )
                    return (household, other, kept, foreign)
                }
                let account = "/espace-agent/demarches/foyers/\(household.id ?? 0)"
                let page = "\(account)/demande"
                let form = String(
                    buffer: try await manager.send(.get, "\(page)?teleservice=\(teleservice.id ?? 0)").body)
                #expect(form.contains("Pièces demandées : \(proof)."))
                #expect(form.contains("name=\"document\" value=\"\(kept.id ?? 0)\""))
                #expect(!form.contains("autre.pdf"))
                #expect(form.contains("data-url=\"\(account)/documents\""))

                // The paper handed in is joined by file; a reader may not, nor without the CSRF token.
                let query = "type=Justificatif%20de%20domicile&nom=facture.pdf"
                let scan = Array("%PDF-1.4 facture".utf8)
                #expect(try await reader.send(.post, "\(account)/documents?\(query)", bytes: scan).status == .forbidden)
                let forged = try await manager.send(.post, "\(account)/documents?\(query)", bytes: scan, csrf: false)
                #expect(forged.status == .forbidden)
                let storedBefore = harness.storedFileCount()
                let unknown = try await manager.send(
                    .post, "/espace-agent/demarches/foyers/999999/documents?\(query)", bytes: scan)
                #expect(unknown.status == .notFound)
                #expect(harness.storedFileCount() == storedBefore, "a refused upload leaves nothing in the store")
                let empty = try await manager.send(.post, "\(account)/documents?\(query)", bytes: [])
                #expect(empty.status == .badRequest)
                let joined = try await manager.send(.post, "\(account)/documents?\(query)", bytes: scan)
                #expect(joined.status == .created)
                let added = try JSONDecoder().decode(FrontOfficeDocument.self, from: Data(buffer: joined.body))
                #expect(added.kind == proof && added.fileName == "facture.pdf" && added.size == Int64(scan.count))

                // Another household's document is unknown to this filing.
                let body = "teleservice=\(teleservice.id ?? 0)&champ.ecole=Ferry"
                let stolen = try await manager.send(
                    .post, page, bytes: Array("\(body)&document=\(foreign.id ?? 0)".utf8))
                #expect(stolen.status == .notFound)
                let filed = try await manager.send(
                    .post, page, bytes: Array("\(body)&document=\(kept.id ?? 0)&document=\(added.id)".utf8))
                #expect(filed.status == .seeOther)
                let location = try #require(filed.headers[.location])
                let requestID = try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
                let (detail, account_) = try await harness.withDatabase { database in
                    (
                        try await CitizenRequestService(database: database).detail(requestID, for: manager.agentID),
                        try await HouseholdService(database: database).detail(household.id ?? 0, by: manager.agentID)
                    )
                }
                #expect(Set(detail.documents.map(\.document.fileName)) == ["quittance.pdf", "facture.pdf"])
                #expect(detail.documents.allSatisfy { $0.state == .pending })
                // The account's history names the agent who joined the paper; the other household has nothing new.
                #expect(
                    account_.history.contains {
                        $0.event.action == .householdDocumentAddedAtCounter && $0.event.actor == .agent(manager.agentID)
                    })
                #expect(
                    try await harness.withDatabase {
                        try await HouseholdService(database: $0).documents(of: other.id ?? 0)
                    }.count == 1)
            }
        }
    }
}
