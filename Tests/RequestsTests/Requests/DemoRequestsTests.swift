import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The demonstration's requests: `admin` administers them, two teleservices are online (one open to
/// households for a season open today), a letter template is ready, and the demo household signs in.
extension DatabaseTests {
    struct DemoRequestsTests {
        @Test(arguments: StorageBackend.available)
        func demoDataOffersRequestsToCitizensAndAgents(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let hasher = PlatformHarness.hasher
                let (administrator, teleservices, seasons, templates) = try await harness.withDatabase { database in
                    #expect(try await DemoData.load(into: database, hasher: hasher))
                    #expect(try await DemoData.load(into: database, hasher: hasher) == false)
                    return try await database.session { sql in
                        let administrator = try await AgentRepository(sql: sql).credentials(
                            login: DemoData.administratorLogin)
                        let catalog = RequestCatalogRepository(sql: sql)
                        let teleservices = try await catalog.teleservices()
                        let school = teleservices.first { $0.name == RequestsDemoData.schoolRegistration }
                        return (
                            administrator?.agent.id ?? 0, teleservices,
                            try await catalog.seasons(of: school?.id ?? 0),
                            try await LettersService(database: database).templates()
                        )
                    }
                }
                let rights = try await harness.withDatabase { database in
                    try await RequestCatalogService(database: database).rights(of: administrator)
                }
                #expect(rights.isAdministrator && rights.byCategory.values.allSatisfy { $0 == .manage })
                #expect(rights.byCategory.count == 2)
                let byName = Dictionary(uniqueKeysWithValues: teleservices.map { ($0.name, $0) })
                #expect(byName[RequestsDemoData.birthCertificate]?.requiresAccount == false)
                #expect(byName[RequestsDemoData.birthCertificate]?.online == true)
                #expect(
                    byName[RequestsDemoData.schoolRegistration]?.requiredDocuments == [RequestsDemoData.proofOfAddress])
                #expect(seasons.count == 1)
                #expect(seasons.first?.acceptsRegistrations(on: CivilDate(parisTime: Timestamp.now())) == true)
                #expect(templates.map(\.name) == [RequestsDemoData.letterTemplate])
                try templates.first?.validate()
                // The demo household signs in with the demo password and sees the school registration.
                var browser = FrontOfficePageTests.Browser(client: client)
                try await browser.signIn(RequestsDemoData.citizenEmail, DemoData.administratorPassword)
                try await browser.loadCSRF()
                let space = String(buffer: try await browser.get("/citoyen").body)
                #expect(space.contains("Bernard"))
                let form = String(
                    buffer: try await browser.get("/demarches/\(byName[RequestsDemoData.schoolRegistration]?.id ?? 0)")
                        .body)
                #expect(form.contains("Année scolaire") && form.contains(RequestsDemoData.proofOfAddress))
                // The form joins the proof itself: a file chooser for the asked kinds, posted with the session's token.
                #expect(form.contains("Votre espace documents est vide : joignez vos pièces ci-dessous."))
                #expect(
                    form.contains(
                        "<select id=\"piece-type\" data-upload-kind>\n<option>Justificatif de domicile</option>\n</select>"
                    ))
                #expect(
                    form.contains(
                        "data-document-upload data-url=\"/api/citoyen/documents\" data-csrf=\"\(browser.csrf ?? "-")\"")
                )
                #expect(form.contains("id=\"joindre-piece\" data-upload-submit>Joindre ce fichier</button>"))
            }
        }
    }
}
