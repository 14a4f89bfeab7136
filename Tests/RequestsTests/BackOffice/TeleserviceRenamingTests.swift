import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Renaming a teleservice and a parameter list from the teleservice's page: names stay unique, the form's
/// fields follow their list, readers are refused.
extension DatabaseTests {
    struct TeleserviceRenamingTests {
        typealias Pages = RequestManagementPagesTests

        @Test(arguments: StorageBackend.available)
        func aTeleserviceAndAListAreRenamedAndTheFormFollows(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader) = (cast.manager, cast.colleague)
                let ids = try await Pages.catalog(harness, cast)
                let page = "/espace-agent/demarches/gestion/teleservices/\(ids.teleservice)"
                func post(_ path: String, _ pairs: [(String, String)]) async throws -> TestResponse {
                    try await manager.send(.post, "\(page)/\(path)", bytes: Pages.form(pairs))
                }

                // The teleservice: a reader is refused, another teleservice's name and an empty one too.
                let forbidden = try await reader.send(
                    .post, "\(page)/nom", bytes: Pages.form([("nom", "Inscription à l'école")]))
                #expect(forbidden.status == .forbidden)
                let taken = try await post("nom", [("nom", "Attestation")])
                #expect(taken.status == .conflict)
                let takenText = String(buffer: taken.body)
                #expect(takenText.contains("Le téléservice « Attestation » existe déjà."))
                #expect(takenText.contains("name=\"nom\" value=\"Attestation\""))
                #expect(try await post("nom", [("nom", "  ")]).status == .badRequest)
                #expect(try await post("nom", [("nom", " Inscription à l'école ")]).status == .seeOther)
                #expect(try await Pages.teleservice(harness, ids.teleservice)?.name == "Inscription à l'école")
                #expect(
                    String(buffer: try await manager.send(.get, page).body).contains(
                        "Configuration du téléservice « Inscription à l&#39;école »"))

                // A list offered by a field: renamed, the field follows; a name already taken is refused.
                let diets = [("nom", "Régimes"), ("presentation", "drop-down"), ("valeurs", "std ; Standard")]
                #expect(try await post("parametres", diets).status == .seeOther)
                let days = [("nom", "Jours"), ("presentation", "drop-down"), ("valeurs", "lun ; Lundi")]
                #expect(try await post("parametres", days).status == .seeOther)
                let form = [("champs", "regime ; Régime alimentaire ; liste:Régimes ; obligatoire")]
                #expect(try await post("formulaire", form).status == .seeOther)
                let clash = try await post("parametres/renommer", [("nom", "Régimes"), ("nouveau-nom", "Jours")])
                #expect(clash.status == .conflict)
                #expect(String(buffer: clash.body).contains("La liste « Jours » existe déjà."))
                let missing = try await post("parametres/renommer", [("nom", "Écoles"), ("nouveau-nom", "Lycées")])
                #expect(missing.status == .notFound)
                let renamed = try await post(
                    "parametres/renommer", [("nom", "Régimes"), ("nouveau-nom", "Régimes alimentaires")])
                #expect(renamed.status == .seeOther)
                let lists = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestCatalogRepository(sql: sql).lists(of: ids.teleservice)
                    }
                }
                #expect(lists.map(\.name) == ["Jours", "Régimes alimentaires"])
                #expect(lists.last?.entries == [ParameterList.Entry(key: "std", label: "Standard")])
                let fields = try await Pages.teleservice(harness, ids.teleservice)?.form.fields ?? []
                #expect(fields.map(\.list) == ["Régimes alimentaires"])
                // The old name no longer exists: the list cannot be deleted under it, the new one is guarded.
                let guarded = try await post("parametres/supprimer", [("nom", "Régimes alimentaires")])
                #expect(guarded.status == .conflict)
                let journal = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(
                            subject: JournalSubject(kind: "teleservice", id: ids.teleservice))
                    }
                }
                #expect(
                    journal.contains {
                        $0.event.action == .teleserviceRenamed && $0.event.details["from"] == "Inscription scolaire"
                    })
            }
        }
    }
}
