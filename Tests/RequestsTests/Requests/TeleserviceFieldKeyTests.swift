import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A form field's key names the field's inputs on the citizen's form (`id="champ-<clé>"`, `champ.<clé>`):
/// one rule for every path that writes a form (the JSON API and the management page), in ``FormDefinition``.
/// The labels and other free texts are stored as typed: the pages escape them.
extension DatabaseTests {
    struct TeleserviceFieldKeyTests {
        static let payload = "x\"><img src=x onerror=alert(1)>"

        @Test func theKeyRuleIsTheDomains() throws {
            for key in ["nom", "ne-le", "nomNaissance", "champ_2", "a", String(repeating: "a", count: 64)] {
                #expect(FormDefinition.isValidKey(key), "\(key)")
            }
            let refused = [
                "", Self.payload, "2nom", "-nom", "nom prénom", "école", "nom\"", "a<b", "a>b", "a'b", "a&b", "a/b",
                "a.b", String(repeating: "a", count: 65),
            ]
            for key in refused {
                #expect(!FormDefinition.isValidKey(key), "\(key)")
                #expect(throws: DomainError.self) {
                    try FormDefinition(fields: [.init(key: key, label: "Libellé", kind: .text)]).validate()
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func theAPIRefusesAFieldKeyOutsideTheRule(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Cergy", login: "cergy")
                let agent = try await AgentClient.signIn(client, login: "cergy")
                try await harness.withDatabase { database in
                    try await database.transaction { sql in
                        try await RequestRightsRepository(sql: sql).setAdministrator(agent.agentID, true)
                    }
                }
                let category = try await agent.decode(
                    RequestCatalogController.CategoryView.self, .post, "/api/demarches/categories",
                    json: RequestCatalogController.NewCategory(name: "État civil"), status: .created)
                let created = try await agent.decode(
                    Teleservice.self, .post, "/api/demarches/teleservices",
                    json: Teleservice(
                        categoryID: category.id, name: "Acte de naissance", online: true, requiresAccount: false,
                        form: FormDefinition(fields: [.init(key: "nom", label: "Nom", kind: .text, required: true)])),
                    status: .created)
                let id = try #require(created.id)
                func stored() async throws -> Teleservice? {
                    try await RequestManagementPagesTests.teleservice(harness, id)
                }

                // A key that would leave the `id` attribute: 400, in French, and nothing stored.
                var hostile = created
                hostile.form.fields.append(.init(key: Self.payload, label: "Prénom", kind: .text))
                let refused = try await agent.send(.put, "/api/demarches/teleservices/\(id)", json: hostile)
                #expect(refused.status == .badRequest)
                let message = String(buffer: refused.body)
                #expect(message.contains("la clé de champ"), "\(message)")
                #expect(message.contains("lettres"), "\(message)")
                #expect(try await stored()?.form == created.form)
                // Creating a teleservice with such a key is refused the same way.
                var hostileNew = hostile
                hostileNew.id = nil
                hostileNew.name = "Acte de mariage"
                let refusedNew = try await agent.send(.post, "/api/demarches/teleservices", json: hostileNew)
                #expect(refusedNew.status == .badRequest)
                let list = try await agent.decode(
                    RequestCatalogController.TeleserviceList.self, .get, "/api/demarches/teleservices")
                #expect(list.teleservices.map(\.name) == ["Acte de naissance"])

                // Labels and document names are free text, stored as typed (escaped where a page shows them).
                var labelled = created
                labelled.form.fields = [
                    .init(key: "nom", label: "<script>window.__xss=1</script>", kind: .text, required: true),
                    .init(key: "prenom", label: Self.payload, kind: .text),
                ]
                labelled.requiredDocuments = ["'><svg onload=window.__xss=1>"]
                let saved = try await agent.decode(
                    Teleservice.self, .put, "/api/demarches/teleservices/\(id)", json: labelled)
                #expect(saved.form == labelled.form && saved.requiredDocuments == labelled.requiredDocuments)
                let reread = try #require(try await stored())
                #expect(reread.form == labelled.form && reread.requiredDocuments == labelled.requiredDocuments)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theManagementPageRefusesTheSameKeys(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let ids = try await RequestManagementPagesTests.catalog(harness, cast)
                let page = "/espace-agent/demarches/gestion/teleservices/\(ids.teleservice)"
                let before = try await RequestManagementPagesTests.teleservice(harness, ids.teleservice)
                let refused = try await cast.manager.send(
                    .post, "\(page)/formulaire",
                    bytes: RequestManagementPagesTests.form([("champs", "\(Self.payload) ; Prénom ; texte")]))
                #expect(refused.status == .badRequest)
                let text = String(buffer: refused.body)
                #expect(text.contains("ligne 1 : la clé"), "\(text.prefix(600))")
                #expect(!text.contains("<img src=x onerror"))
                #expect(try await RequestManagementPagesTests.teleservice(harness, ids.teleservice) == before)
                let accepted = try await cast.manager.send(
                    .post, "\(page)/formulaire",
                    bytes: RequestManagementPagesTests.form([("champs", "nomNaissance ; Nom de naissance ; texte")]))
                #expect(accepted.status == .seeOther)
            }
        }
    }
}
