import Foundation
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The back office's pages as markup: a teleservice's field keys reach the HTML escaped (they make ids),
/// a refused form comes back with 400, the reason at the top and beside its field and the values typed,
/// and no page carries an inline script, style or handler (the CSP forbids them).
extension DatabaseTests {
    struct BackOfficeMarkupTests {
        static let key = "x\"><script>alert(1)</script>"

        @Test(arguments: StorageBackend.available)
        func fieldKeysAreEscapedWhereTheyMakeIds(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let manager = cast.manager
                let teleservice = try await cast.teleservice(
                    "Inscription", in: harness,
                    fields: [.init(key: "cle-hostile", label: "<b>Nom</b>", kind: .text, required: true)])
                // Keys are checked on the way in; one stored before (or written straight into the database)
                // is still only text on the pages.
                try await harness.withDatabase { database in
                    try await database.transaction { sql in
                        try await sql.raw(
                            """
                            UPDATE teleservices SET form_json = replace(form_json, 'cle-hostile', \
                            'x\\"><script>alert(1)</script>') WHERE id = \(bind: teleservice.id ?? 0)
                            """
                        ).run()
                    }
                }
                let (household, filed) = try await harness.withDatabase { database in
                    let household = try await HouseholdService(database: database).create(
                        Household(
                            email: "curie@example.invalid",
                            members: [
                                .init(role: .responsible, civility: .madame, lastName: "Curie", firstName: "Marie")
                            ]))
                    let filed = try await CitizenRequestService(database: database).file(
                        .init(
                            teleserviceID: teleservice.id ?? 0, householdID: household.id,
                            data: [Self.key: ["Curie"]]))
                    return (household, filed)
                }
                let escaped = "x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
                let counter = String(
                    buffer: try await manager.send(
                        .get,
                        "/espace-agent/demarches/foyers/\(household.id ?? 0)/demande?teleservice=\(teleservice.id ?? 0)"
                    ).body)
                #expect(
                    counter.contains("<label class=\"field__label\" for=\"champ-\(escaped)\">&lt;b&gt;Nom&lt;/b&gt;"))
                #expect(counter.contains("<input id=\"champ-\(escaped)\" name=\"champ.\(escaped)\" value=\"\""))
                #expect(!counter.contains("<script>alert(1)"))
                let page = String(buffer: try await manager.send(.get, "/espace-agent/demarches/\(filed.id ?? 0)").body)
                #expect(page.contains("<input id=\"valeur-\(escaped)\" name=\"valeur\" value=\"Curie\""))
                #expect(page.contains("<input type=\"hidden\" name=\"cle\" value=\"\(escaped)\">"))
                #expect(!page.contains("<script>alert(1)") && !page.contains("<b>Nom</b>"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func refusedFormsShowTheReasonBesideTheFieldWithTheValuesTyped(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let manager = cast.manager
                let school = try await cast.teleservice("Inscription scolaire", in: harness, online: false)
                let management = "/espace-agent/demarches/gestion/teleservices/\(school.id ?? 0)"
                // A number that is not one: 400, the summary links to the field, which says why.
                let quality = try await manager.send(
                    .post, "\(management)/alertes", bytes: Array("maximum=dix&rappel=3".utf8))
                #expect(quality.status == .badRequest)
                let qualityText = String(buffer: quality.body)
                #expect(
                    qualityText.contains(
                        "<div class=\"alert alert--error\" role=\"alert\" id=\"erreurs\" tabindex=\"-1\">"))
                #expect(qualityText.contains("<a href=\"#alertes-maximum\">Aller au champ à corriger</a>"))
                #expect(qualityText.contains("<div class=\"field field--error\">"))
                #expect(
                    qualityText.contains("<p class=\"field__error\" id=\"alertes-maximum-erreur\">saisissez un nombre"))
                #expect(
                    qualityText.contains(
                        "name=\"maximum\" value=\"dix\" type=\"number\" aria-describedby=\"alertes-maximum-aide "
                            + "alertes-maximum-erreur\" aria-invalid=\"true\">"))
                #expect(qualityText.contains("name=\"rappel\" value=\"3\""))
                // The search: a household number that is not one, the criteria kept.
                let search = try await manager.send(.get, "/espace-agent/demarches/recherche?foyer=abc&demandeur=Curie")
                #expect(search.status == .badRequest)
                let searchText = String(buffer: search.body)
                #expect(searchText.contains("<p class=\"field__error\" id=\"foyer-erreur\">saisissez un nombre.</p>"))
                #expect(searchText.contains("name=\"foyer\" value=\"abc\""))
                #expect(searchText.contains("name=\"demandeur\" value=\"Curie\""))
                // A category's name left empty.
                let category = try await manager.send(
                    .post, "/espace-agent/demarches/gestion/categories", bytes: Array("nom=+".utf8))
                #expect(category.status == .badRequest)
                #expect(
                    String(buffer: category.body).contains(
                        "<p class=\"field__error\" id=\"nouvelle-categorie-nom-erreur\">saisissez un nom.</p>"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func pagesCarryNoInlineScriptStyleOrHandler(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let manager = cast.manager
                let teleservice = try await cast.teleservice(
                    "Inscription à la cantine", in: harness,
                    fields: [.init(key: "ecole", label: "École", kind: .text, required: true)],
                    requiredDocuments: ["Justificatif de domicile"])
                let (household, filed) = try await harness.withDatabase { database in
                    let household = try await HouseholdService(database: database).create(
                        Household(
                            email: "curie@example.invalid",
                            members: [
                                .init(role: .responsible, civility: .madame, lastName: "Curie", firstName: "Marie")
                            ]))
                    let filed = try await CitizenRequestService(database: database).file(
                        .init(teleserviceID: teleservice.id ?? 0, householdID: household.id, data: ["ecole": ["Ferry"]])
                    )
                    return (household, filed)
                }
                let root = "/espace-agent/demarches"
                let request = "\(root)/\(filed.id ?? 0)"
                let account = "\(root)/foyers/\(household.id ?? 0)"
                let pages = [
                    root, "\(root)/recherche", request, "\(request)/contacter", "\(request)/historique",
                    "\(root)/modeles", "\(root)/suivi", "\(root)/foyers", account,
                    "\(account)/demande?teleservice=\(teleservice.id ?? 0)", "\(root)/gestion",
                    "\(root)/gestion/categories/\(cast.categoryID)/droits",
                    "\(root)/gestion/teleservices/\(teleservice.id ?? 0)", "\(root)/notifications",
                ]
                for path in pages {
                    let response = try await manager.send(.get, path)
                    #expect(response.status == .ok, "\(path)")
                    let html = String(buffer: response.body)
                    #expect(
                        !html.contains("<script>") && !html.contains(" style=") && !html.contains(" onclick="),
                        "\(path)")
                    #expect(html.components(separatedBy: "<h1").count == 2, "\(path): one h1")
                    #expect(html.contains("<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"), "\(path)")
                    #expect(
                        html.contains("<li><span aria-current=\"page\">"), "\(path): the current page ends the trail")
                    #expect(
                        html.contains("aria-current=\"page\">Démarches des usagers</a>")
                            || html.contains("aria-current=\"page\">Gestion des démarches</a>"), "\(path)")
                }
                // The request's destructive transitions ask for a confirmation.
                let page = String(buffer: try await manager.send(.get, request).body)
                #expect(page.contains("data-confirm=\"Passer la demande \(filed.number) à l&#39;état « Annulée »"))
                #expect(page.contains("<span class=\"badge badge--info\">En attente</span>"))
                // The counter page loads its script from /static.
                let counter = String(
                    buffer: try await manager.send(.get, "\(account)/demande?teleservice=\(teleservice.id ?? 0)").body)
                #expect(counter.contains("<script src=\"/static/document-upload.js\" defer></script>"))
                #expect(try await manager.send(.get, "/static/document-upload.js").status == .ok)
            }
        }
    }
}
