import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The citizens' pages through the router, as a browser posts its forms.
extension DatabaseTests {
    struct FrontOfficePageTests {
        /// A browser of the front office: its citizen cookie and the CSRF token of the session.
        struct Browser {
            let client: any TestClientProtocol
            var cookie: String?
            var csrf: String?

            func get(_ uri: String) async throws -> TestResponse {
                try await client.executeRequest(
                    uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:], body: nil)
            }

            func post(_ uri: String, _ fields: [(String, String)], csrf sendCSRF: Bool = true) async throws
                -> TestResponse
            {
                var pairs = fields
                if sendCSRF, let csrf { pairs.append(("_csrf", csrf)) }
                let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = cookie }
                return try await client.executeRequest(
                    uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
            }

            static func encode(_ text: String) -> String {
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
            }

            /// Signs in through the page and keeps the cookie and the CSRF token of `/citoyen`.
            mutating func signIn(_ email: String, _ password: String) async throws {
                let response = try await post("/citoyen/connexion", [("email", email), ("password", password)])
                try #require(response.status == .found, "\(String(buffer: response.body))")
                try adopt(response)
            }

            mutating func adopt(_ response: TestResponse) throws {
                let setCookie = try #require(response.headers[.setCookie])
                cookie = String(try #require(setCookie.split(separator: ";").first))
                #expect(setCookie.contains("sceau_citoyen=") && setCookie.contains("HttpOnly"))
            }

            /// Creates Claire Martin's household account (claire@example.invalid) through the registration form, signs
            /// in with it, and keeps the cookie and the CSRF token of `/citoyen`.
            mutating func register() async throws {
                let registration = try await post(
                    "/citoyen/inscription",
                    [
                        ("civility", "Mme"), ("lastName", "Martin"), ("firstName", "Claire"),
                        ("address", "1 place de la Mairie"), ("email", "claire@example.invalid"),
                        ("password", "mot de passe sûr"),
                    ])
                try #require(registration.status == .ok, "\(String(buffer: registration.body))")
                try #require(String(buffer: registration.body).contains("Un e-mail de confirmation vous a été envoyé"))
                try await signIn("claire@example.invalid", "mot de passe sûr")
                try await loadCSRF()
            }

            mutating func loadCSRF() async throws {
                let page = String(buffer: try await get("/citoyen").body)
                let marker = "name=\"_csrf\" value=\""
                let start = try #require(page.range(of: marker)).upperBound
                csrf = String(page[start...].prefix { $0 != "\"" })
            }
        }

        /// The CSP runs no inline script, style attribute or event handler: a page must carry none.
        static func expectNoInlineCode(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/static/") }, sourceLocation: sourceLocation)
            #expect(!html.contains(" style="), sourceLocation: sourceLocation)
            #expect(html.range(of: #" on[a-z]+="#, options: .regularExpression) == nil, sourceLocation: sourceLocation)
        }

        @Test(arguments: StorageBackend.available)
        func registrationFormsAndFiling(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let (school, certificate, hostile) = try await harness.withDatabase { database in
                    let f = try await RequestFixture.make(database)
                    let certificate = try await f.catalog.createTeleservice(
                        Teleservice(
                            categoryID: f.civilStatus, name: "Acte de naissance", online: true, requiresAccount: false,
                            form: FormDefinition(fields: [
                                .init(key: "nom", label: "Nom de naissance", kind: .text, required: true),
                                .init(key: "date", label: "Date de naissance", kind: .date, required: true),
                            ])),
                        by: f.administrator)
                    // A field key stored before keys were checked (or written straight into the database) is
                    // text like any other: it must not break out of its attributes.
                    let hostile = try await f.catalog.createTeleservice(
                        Teleservice(
                            categoryID: f.civilStatus, name: "Acte de décès", online: true, requiresAccount: false,
                            form: FormDefinition(fields: [.init(key: "cle-hostile", label: "Nom", kind: .text)])),
                        by: f.administrator)
                    try await database.transaction { sql in
                        try await sql.raw(
                            """
                            UPDATE teleservices SET form_json = replace(form_json, 'cle-hostile', \
                            'x\\"><img src=x onerror=alert(1)>') WHERE id = \(bind: hostile.id ?? 0)
                            """
                        ).run()
                    }
                    return (f.teleservice.id ?? 0, certificate.id ?? 0, hostile.id ?? 0)
                }
                // A teleservice with a season whose registrations are open today.
                let (leisure, season) = try await harness.withDatabase { database in
                    let catalog = RequestCatalogService(database: database)
                    let administrator = try await database.session { sql in
                        try await sql.select().column("agent_id").from("request_administrators")
                            .first(decodingColumn: "agent_id", as: Int64.self)
                    }
                    let category = try await catalog.createCategory("Loisirs", by: administrator ?? 0)
                    let leisure = try await catalog.createTeleservice(
                        Teleservice(
                            categoryID: category.id ?? 0, name: "Accueil de loisirs", online: true,
                            requiresAccount: false),
                        by: administrator ?? 0)
                    let today = CivilDate(parisTime: Timestamp.now())
                    let season = try await catalog.addSeason(
                        Season(
                            teleserviceID: leisure.id ?? 0, name: "Vacances", registrationOpens: today.adding(days: -1),
                            registrationCloses: today.adding(days: 1), validationFrom: today,
                            start: today.adding(days: 2), end: today.adding(days: 60)),
                        by: administrator ?? 0)
                    return (leisure.id ?? 0, season.id ?? 0)
                }
                var browser = Browser(client: client)
                // The catalogue lists the online teleservices by category as cards, saying which need an
                // account, each with its « Faire la demande » button.
                let catalog = String(buffer: try await browser.get("/demarches").body)
                Self.expectNoInlineCode(catalog)
                #expect(catalog.contains("Enfance") && catalog.contains("État civil"))
                #expect(
                    catalog.contains(
                        "id=\"demarche-\(school)\">Inscription scolaire</h3>\n"
                            + "<p><span class=\"badge badge--info\">Compte foyer nécessaire</span></p>"))
                #expect(
                    catalog.contains(
                        "id=\"demarche-\(certificate)\">Acte de naissance</h3>\n"
                            + "<p><span class=\"badge badge--success\">Sans compte</span></p>"))
                #expect(
                    catalog.contains(
                        "<a class=\"btn\" href=\"/demarches/\(certificate)\">Faire la demande"
                            + "<span class=\"visually-hidden\"> : Acte de naissance</span></a>"))
                let hostileForm = String(buffer: try await browser.get("/demarches/\(hostile)").body)
                #expect(!hostileForm.contains("<img"))
                #expect(hostileForm.contains("id=\"champ-x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""))

                // Without an account: the certificate is filed, the school registration is refused.
                let form = String(buffer: try await browser.get("/demarches/\(certificate)").body)
                #expect(form.contains("name=\"champ.nom\"") && form.contains("type=\"date\""))
                let missing = try await browser.post(
                    "/demarches/\(certificate)",
                    [("demandeur", "Paul Durand"), ("champ.nom", "Durand"), ("action", "deposer")])
                #expect(missing.status == .badRequest)
                let refusedForm = String(buffer: missing.body)
                Self.expectNoInlineCode(refusedForm)
                // The reason at the top, linked to its field, and beside the field; the values kept.
                #expect(
                    refusedForm.contains(
                        "<div class=\"alert alert--error\" role=\"alert\" id=\"erreurs\" tabindex=\"-1\">"))
                #expect(
                    refusedForm.contains("<a href=\"#champ-date\">Date de naissance : ce champ est obligatoire.</a>"))
                #expect(
                    refusedForm.contains(
                        "<p class=\"field__error\" id=\"champ-date-erreur\"><span class=\"visually-hidden\">"
                            + "Erreur : </span>Ce champ est obligatoire.</p>"))
                #expect(
                    refusedForm.contains(
                        "<input id=\"champ-date\" name=\"champ.date\" type=\"date\" value=\"\" required "
                            + "aria-invalid=\"true\" aria-describedby=\"champ-date-erreur\">"))
                #expect(refusedForm.contains("value=\"Durand\""))
                #expect(refusedForm.components(separatedBy: "aria-invalid").count == 2)
                let wrongDate = try await browser.post(
                    "/demarches/\(certificate)",
                    [
                        ("demandeur", "Paul Durand"), ("champ.nom", "Durand"), ("champ.date", "3 mars"),
                        ("action", "deposer"),
                    ])
                #expect(String(buffer: wrongDate.body).contains("saisissez une date aaaa-mm-jj."))
                let anonymous = try await browser.post(
                    "/demarches/\(certificate)",
                    [
                        ("demandeur", "Paul Durand"), ("champ.nom", "Durand"), ("champ.date", "1990-03-03"),
                        ("action", "deposer"),
                    ])
                #expect(anonymous.status == .ok)
                let filedPage = String(buffer: anonymous.body)
                Self.expectNoInlineCode(filedPage)
                #expect(filedPage.contains("est enregistrée sous le numéro") && filedPage.contains("« En attente »"))
                // A receipt to print alone: the number, the teleservice, the requester, the date.
                #expect(
                    filedPage.contains(
                        "<section class=\"receipt\" id=\"recepisse\" aria-labelledby=\"titre-recepisse\">\n"
                            + "<h2 id=\"titre-recepisse\">Récépissé de dépôt</h2>"))
                #expect(filedPage.contains("id=\"imprimer-recepisse\" data-print hidden>"))
                #expect(filedPage.contains("<dt>Démarche</dt><dd>Acte de naissance</dd>"))
                #expect(filedPage.contains("<dt>Demandeur</dt><dd>Paul Durand</dd>"))
                #expect(filedPage.contains("Imprimer le récépissé"))
                // The open season is offered and must be chosen; the request is filed for it.
                #expect(
                    String(buffer: try await browser.get("/demarches/\(leisure)").body).contains(
                        "<option value=\"\(season)\">Vacances"))
                let noSeason = try await browser.post(
                    "/demarches/\(leisure)", [("demandeur", "Paul Durand"), ("action", "deposer")])
                #expect(
                    noSeason.status == .badRequest
                        && String(buffer: noSeason.body).contains("Saison : choisissez la saison."))
                let withSeason = try await browser.post(
                    "/demarches/\(leisure)",
                    [("demandeur", "Paul Durand"), ("saison", String(season)), ("action", "deposer")])
                #expect(withSeason.status == .ok)
                let seasons = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("season_id").from("citizen_requests").where(
                            "teleservice_id", .equal, leisure
                        )
                        .all(decodingColumn: "season_id", as: Int64.self)
                    }
                }
                #expect(seasons == [season])
                let refused = try await browser.post(
                    "/demarches/\(school)", [("champ.ecole", "parc"), ("action", "deposer")])
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("Connectez-vous à votre compte foyer"))
                #expect(String(buffer: try await browser.get("/demarches/\(school)").body).contains("connectez-vous"))

                // Registration through the form, then the sign-in.
                try await browser.register()
                // The same e-mail again: the same answer as for a new one, and no second account.
                let twice = try await Browser(client: client).post(
                    "/citoyen/inscription",
                    [
                        ("civility", "M."), ("lastName", "Autre"), ("firstName", "Jean"), ("address", "ailleurs"),
                        ("email", "Claire@example.invalid"), ("password", "mot de passe sûr"),
                    ])
                #expect(twice.status == .ok)
                #expect(String(buffer: twice.body).contains("Un e-mail de confirmation vous a été envoyé"))
                #expect(!String(buffer: twice.body).contains("existe déjà"))
                #expect(twice.headers[.setCookie] == nil)

                // A member is added; a change without the CSRF token is refused.
                let member = [
                    ("civility", "M."), ("lastName", "Martin"), ("firstName", "Hugo"), ("birthDate", "2019-05-04"),
                    ("role", "child"),
                ]
                #expect(try await browser.post("/citoyen/membres", member, csrf: false).status == .forbidden)
                #expect(try await browser.post("/citoyen/membres", member).status == .found)
                let space = String(buffer: try await browser.get("/citoyen").body)
                #expect(space.contains("<td>Hugo</td><td>04/05/2019</td>"))

                // Filed with the account for the child: pending, in "Mes demandes".
                let hugo = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("id").from("household_members").where(
                            "first_name", .equal, "Hugo"
                        )
                        .first(decodingColumn: "id", as: Int64.self)
                    }
                }
                // The member is edited by the responsible adult.
                let edit = String(buffer: try await browser.get("/citoyen/membres/\(hugo ?? 0)").body)
                #expect(edit.contains("value=\"2019-05-04\""))
                let edited = try await browser.post(
                    "/citoyen/membres/\(hugo ?? 0)",
                    [
                        ("civility", "M."), ("lastName", "Martin"), ("firstName", "Hugo-Louis"),
                        ("birthDate", "2019-05-05"),
                    ])
                #expect(edited.status == .found)
                #expect(
                    String(buffer: try await browser.get("/citoyen").body).contains(
                        "<td>Hugo-Louis</td><td>05/05/2019</td>"))
                // The school form: a drop-down list and a checkbox tree nesting "Sans porc" under "Sans viande".
                let schoolForm = String(buffer: try await browser.get("/demarches/\(school)").body)
                #expect(schoolForm.contains("<option value=\"gare\">École de la Gare</option>"))
                #expect(
                    schoolForm.contains(
                        "Sans viande</label><ul><li><label class=\"choice\"><input type=\"checkbox\" "
                            + "name=\"champ.regime\" value=\"sans-porc\">"))
                Self.expectNoInlineCode(schoolForm)
                #expect(schoolForm.contains("<script src=\"/static/document-upload.js\" defer></script>"))
                #expect(schoolForm.contains("Hugo-Louis Martin</option>"))
                let missingSchool = try await browser.post(
                    "/demarches/\(school)", [("beneficiaire", String(hugo ?? 0)), ("action", "deposer")])
                #expect(missingSchool.status == .badRequest)
                #expect(String(buffer: missingSchool.body).contains("École souhaitée : ce champ est obligatoire."))
                let filed = try await browser.post(
                    "/demarches/\(school)",
                    [
                        ("beneficiaire", String(hugo ?? 0)), ("champ.ecole", "gare"), ("champ.regime", "sans-viande"),
                        ("champ.regime", "sans-porc"), ("action", "deposer"),
                    ])
                #expect(filed.status == .ok)
                let list = try JSONDecoder().decode(
                    FrontOfficeRequestList.self,
                    from: Data(buffer: try await browser.get("/api/citoyen/demandes").body))
                #expect(list.requests.count == 1)
                #expect(list.requests.first?.state == "pending" && list.requests.first?.stateLabel == "En attente")
                #expect(list.requests.first?.subject == "Hugo-Louis Martin")
                let mine = String(buffer: try await browser.get("/citoyen").body)
                Self.expectNoInlineCode(mine)
                #expect(
                    mine.contains(list.requests.first?.number ?? "?")
                        && mine.contains("<span class=\"badge badge--info\">En attente</span></td>"))
                // Another household's request is out of sight.
                let others = try await browser.get("/citoyen/demandes/1")
                #expect(others.status == .notFound)

                // A draft saved from the form is listed, reopened with its values, and deleted.
                let draft = try await browser.post(
                    "/demarches/\(school)", [("champ.ecole", "parc"), ("action", "brouillon")])
                #expect(String(buffer: draft.body).contains("Brouillon enregistré"))
                let withDraft = String(buffer: try await browser.get("/citoyen").body)
                #expect(withDraft.contains("Mes brouillons") && withDraft.contains("?brouillon="))

                // Signed out: the cookie no longer opens the space.
                #expect(try await browser.post("/citoyen/deconnexion", []).status == .found)
                #expect(try await browser.get("/api/citoyen/demandes").status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func followUpShowsPublicNotesOnlyAndCorrection(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let (f, requestID) = try await harness.withDatabase { database in
                    let f = try await RequestFixture.make(database)
                    let hash = try await PlatformHarness.hasher.hash("mot de passe sûr")
                    try await database.transaction { sql in
                        try await FrontOfficeRepository(sql: sql).createAccount(
                            householdID: f.household.id ?? 0, email: "legrand@example.invalid", passwordHash: hash,
                            at: 0)
                    }
                    _ = try await f.service.addNote(
                        f.requestID, kind: .internal, text: "Vérifier le quotient familial", by: f.instructor)
                    _ = try await f.service.addNote(
                        f.requestID, kind: .public, text: "Merci de préciser l'école", by: f.instructor)
                    _ = try await f.service.changeDocument(
                        f.requestID, document: f.homeProof.id ?? 0, state: .refused, validUntil: nil,
                        comment: "Facture de plus de trois mois", by: f.instructor)
                    _ = try await f.service.transition(f.requestID, to: .uncomplete, by: f.instructor)
                    _ = try await f.service.release(f.requestID, by: f.instructor)
                    return (f, f.requestID)
                }
                var browser = Browser(client: client)
                try await browser.signIn("Legrand@example.invalid", "mot de passe sûr")
                try await browser.loadCSRF()
                let page = String(buffer: try await browser.get("/citoyen/demandes/\(requestID)").body)
                #expect(page.contains("Merci de préciser l&#39;école"))
                #expect(!page.contains("quotient familial"))
                #expect(page.contains("Léo mange sans porc."))
                Self.expectNoInlineCode(page)
                #expect(
                    page.contains("<span class=\"badge badge--danger\">Refusé</span>")
                        && page.contains("Facture de plus de trois mois"))
                // The receipt prints alone: everything else is out of print.
                #expect(page.contains("<section class=\"receipt\" id=\"recepisse\""))
                #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<div class=\"no-print\">"))
                #expect(page.contains("Incomplète") && page.contains("Compléter ma demande"))

                // The citizen answers, then corrects the data: "Rectifiée".
                #expect(
                    try await browser.post(
                        "/citoyen/demandes/\(requestID)/note", [("texte", "C'est l'école de la Gare.")]
                    )
                    .status == .found)
                #expect(
                    try await browser.post("/citoyen/demandes/\(requestID)/donnees", [("champ.ecole", "gare")]).status
                        == .found)
                let after = try await harness.withDatabase { database in
                    try await CitizenRequestService(database: database).detail(requestID, for: f.instructor)
                }
                #expect(after.request.state == .rectified)
                #expect(after.request.data["ecole"] == ["gare"])
                #expect(after.notes.contains { $0.kind == .citizen && $0.text == "C'est l'école de la Gare." })

                // The proof attached to this open request stays in the document space.
                let kept = try await browser.post("/citoyen/documents/\(f.homeProof.id ?? 0)/supprimer", [])
                #expect(kept.status == .conflict)
                #expect(String(buffer: kept.body).contains("joint à une demande en cours (\(f.request.number))"))

                // While an agent holds the lock the citizen cannot change the request.
                try await harness.withDatabase { database in
                    _ = try await CitizenRequestService(database: database).open(requestID, by: f.instructor)
                }
                let locked = try await browser.post("/citoyen/demandes/\(requestID)/donnees", [("champ.ecole", "parc")])
                #expect(locked.status == .conflict)
                #expect(String(buffer: locked.body).contains("en cours de traitement par nos services"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func documentsSpaceAndForgottenPasswordPages(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                var browser = Browser(client: client)
                try await browser.register()
                var headers: HTTPFields = [
                    .cookie: browser.cookie ?? "", .contentType: "application/octet-stream",
                    SessionMiddleware.csrfHeader: browser.csrf ?? "",
                ]
                let upload = try await client.executeRequest(
                    uri: "/api/citoyen/documents?type=Justificatif%20de%20domicile&nom=facture.pdf", method: .post,
                    headers: headers, body: ByteBuffer(string: "%PDF-1.4 facture"))
                #expect(upload.status == .created)
                let document = try JSONDecoder().decode(FrontOfficeDocument.self, from: Data(buffer: upload.body))
                #expect(document.size == 16 && document.kind == "Justificatif de domicile")
                let tooBig = try await client.executeRequest(
                    uri: "/api/citoyen/documents?type=x&nom=gros.bin", method: .post, headers: headers,
                    body: ByteBuffer(repeating: 0, count: FrontOfficeService.maximumDocumentSize + 1))
                #expect(tooBig.status == .contentTooLarge)
                headers[SessionMiddleware.csrfHeader] = nil
                let forged = try await client.executeRequest(
                    uri: "/api/citoyen/documents?type=x&nom=a.pdf", method: .post, headers: headers,
                    body: ByteBuffer(string: "x"))
                #expect(forged.status == .forbidden)
                let documents = String(buffer: try await browser.get("/citoyen/documents").body)
                Self.expectNoInlineCode(documents)
                #expect(documents.contains("facture.pdf"))
                #expect(documents.contains("data-confirm=\"Supprimer « facture.pdf » de vos documents ?\""))
                #expect(
                    try await browser.post("/citoyen/documents/\(document.id)/supprimer", []).status == .found)
                #expect(!String(buffer: try await browser.get("/citoyen/documents").body).contains("facture.pdf"))

                // Without a relay the forgotten-password page says the e-mail could not go, in French.
                let forgotten = try await Browser(client: client).post(
                    "/citoyen/mot-de-passe-oublie", [("email", "claire@example.invalid")])
                #expect(forgotten.status == .serviceUnavailable)
                #expect(String(buffer: forgotten.body).contains("Aucun relais SMTP"))
                // An unknown address gets the same neutral answer as a known one would.
                let unknown = try await Browser(client: client).post(
                    "/citoyen/mot-de-passe-oublie", [("email", "inconnu@example.invalid")])
                #expect(unknown.status == .ok && String(buffer: unknown.body).contains("Si un compte foyer existe"))
                let dead = try await Browser(client: client).get("/citoyen/nouveau-mot-de-passe?jeton=inconnu")
                #expect(dead.status == .notFound && String(buffer: dead.body).contains("a expiré ou a déjà servi"))
                _ = harness
            }
        }
    }
}
