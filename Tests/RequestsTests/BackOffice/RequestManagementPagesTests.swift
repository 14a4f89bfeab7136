import ArgumentParser
import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The management pages ("Administration des téléservices") through the router: who may open them, the
/// teleservice's settings with their refusals shown in the form, and the rights per category.
extension DatabaseTests {
    struct RequestManagementPagesTests {
        /// The ids the scenario works on.
        struct Catalog: Sendable {
            let category: Int64
            let teleservice: Int64
            let request: Int64
        }

        /// The cast's category with an offline teleservice and an online one holding a filed request.
        static func catalog(_ harness: PlatformHarness, _ cast: BackOfficeCast) async throws -> Catalog {
            let school = try await cast.teleservice("Inscription scolaire", in: harness, online: false)
            let certificate = try await cast.teleservice(
                "Attestation", in: harness, requiresAccount: false,
                fields: [.init(key: "nom", label: "Nom", kind: .text)])
            let filed = try await harness.withDatabase { database in
                try await CitizenRequestService(database: database).file(
                    .init(teleserviceID: certificate.id ?? 0, requesterName: "Marie Curie", data: ["nom": ["Curie"]]))
            }
            return Catalog(
                category: cast.categoryID, teleservice: try #require(school.id), request: try #require(filed.id))
        }

        static func form(_ pairs: [(String, String)]) -> [UInt8] {
            let allowed = CharacterSet(
                charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
            let body = pairs.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&")
            return Array(body.utf8)
        }

        static func teleservice(_ harness: PlatformHarness, _ id: Int64) async throws -> Teleservice? {
            try await harness.withDatabase { database in
                try await database.session { sql in try await RequestCatalogRepository(sql: sql).teleservice(id) }
            }
        }

        @Test(arguments: StorageBackend.available)
        func onlyManagersAndAdministratorsManage(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (administrator, reader) = (cast.manager, cast.colleague)
                // A newcomer of Cergy's entity, with no right yet (issue 20: rights stay within the entity).
                try await BackOfficeCast.agent(harness, login: "nouveau", service: "Accueil", in: cast.entityID)
                let newcomer = try await AgentClient.signIn(client, login: "nouveau")
                let ids = try await Self.catalog(harness, cast)
                let root = "/espace-agent/demarches/gestion"
                let page = "\(root)/teleservices/\(ids.teleservice)"
                let rights = "\(root)/categories/\(ids.category)/droits"

                // The administrator sees the category, its offline teleservice in red, and creates categories.
                let home = try await administrator.send(.get, root)
                #expect(home.status == .ok)
                let homeText = String(buffer: home.body)
                #expect(
                    homeText.contains(
                        "<tr><td><a href=\"\(page)\">Inscription scolaire</a></td>"
                            + "<td><span class=\"badge badge--danger\">Hors ligne</span></td>"))
                #expect(homeText.contains("Nouvelle catégorie"))
                let duplicate = try await administrator.send(
                    .post, "\(root)/categories", bytes: Self.form([("nom", "Enfance")]))
                #expect(duplicate.status == .conflict)
                #expect(String(buffer: duplicate.body).contains("La catégorie « Enfance » existe déjà."))
                let board = try await administrator.send(.get, "/espace-agent/demarches")
                #expect(String(buffer: board.body).contains("<a href=\"\(root)\">Gestion</a>"))

                // A reader of the category is refused every management page and form (403).
                for path in [root, page, rights] {
                    let response = try await reader.send(.get, path)
                    #expect(response.status == .forbidden, "\(path)")
                }
                #expect(String(buffer: try await reader.send(.get, root).body).contains("réservée aux agents"))
                let switched = try await reader.send(.post, "\(page)/etat", bytes: Self.form([("en-ligne", "1")]))
                #expect(switched.status == .forbidden)
                let granted = try await reader.send(
                    .post, rights, bytes: Self.form([("agent", "\(reader.agentID)"), ("droit", "manage")]))
                #expect(granted.status == .forbidden)
                #expect(try await Self.teleservice(harness, ids.teleservice)?.online == false)
                // Without access, the teleservice does not exist for the agent; the request neither.
                #expect(try await newcomer.send(.get, page).status == .notFound)
                #expect(try await newcomer.send(.get, "/espace-agent/demarches/\(ids.request)").status == .notFound)

                // The administrator gives the newcomer "Modification": the category's requests open to them.
                let given = try await administrator.send(
                    .post, rights, bytes: Self.form([("agent", "\(newcomer.agentID)"), ("droit", "write")]))
                #expect(given.status == .seeOther)
                let rightsText = String(buffer: try await administrator.send(.get, rights).body)
                #expect(rightsText.contains("<option value=\"write\" selected>Modification</option>"))
                let opened = try await newcomer.send(.get, "/espace-agent/demarches/\(ids.request)")
                #expect(opened.status == .ok)
                #expect(String(buffer: opened.body).contains("Vous avez verrouillé cette demande"))
                #expect(try await newcomer.send(.get, root).status == .forbidden)

                // Made a manager of the category, the newcomer manages it, without creating categories.
                _ = try await administrator.send(
                    .post, rights, bytes: Self.form([("agent", "\(newcomer.agentID)"), ("droit", "manage")]))
                let managed = try await newcomer.send(.get, root)
                #expect(managed.status == .ok)
                #expect(!String(buffer: managed.body).contains("Nouvelle catégorie"))
                #expect(try await newcomer.send(.get, page).status == .ok)
                let created = try await newcomer.send(.post, "\(root)/categories", bytes: Self.form([("nom", "Sport")]))
                #expect(created.status == .forbidden)
                // A manager of another entity sees the agents of theirs and those holding a right on the
                // category, not the rest of the platform, which they cannot give a right to.
                _ = try await harness.entity("Vauréal", login: "vaureal")
                let stranger = try await AgentClient.signIn(client, login: "vaureal").agentID
                let managerRights = String(buffer: try await newcomer.send(.get, rights).body)
                #expect(managerRights.contains("name=\"agent\" value=\"\(reader.agentID)\""))
                #expect(!managerRights.contains("name=\"agent\" value=\"\(stranger)\""))
                let refused = try await newcomer.send(
                    .post, rights, bytes: Self.form([("agent", "\(stranger)"), ("droit", "write")]))
                #expect(refused.status == .notFound)
                // Cergy's administrator of the requests neither: the catalogues are per entity (issue 20).
                #expect(
                    !String(buffer: try await administrator.send(.get, rights).body).contains(
                        "name=\"agent\" value=\"\(stranger)\""))
                // A manager gives rights on their category: the reader is removed.
                let removed = try await newcomer.send(
                    .post, rights, bytes: Self.form([("agent", "\(reader.agentID)"), ("droit", "none")]))
                #expect(removed.status == .seeOther)
                #expect(try await reader.send(.get, "/espace-agent/demarches/\(ids.request)").status == .notFound)
            }
        }

        @Test(arguments: StorageBackend.available)
        func teleserviceSettings(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader) = (cast.manager, cast.colleague)
                let ids = try await Self.catalog(harness, cast)
                let page = "/espace-agent/demarches/gestion/teleservices/\(ids.teleservice)"
                func post(_ path: String, _ pairs: [(String, String)]) async throws -> TestResponse {
                    try await manager.send(.post, "\(page)/\(path)", bytes: Self.form(pairs))
                }

                // Online switch.
                let shown = String(buffer: try await manager.send(.get, page).body)
                #expect(shown.contains("Le téléservice est <span class=\"badge badge--danger\">Hors ligne</span>"))
                #expect(try await post("etat", [("en-ligne", "1")]).status == .seeOther)
                #expect(try await Self.teleservice(harness, ids.teleservice)?.online == true)
                #expect(
                    String(buffer: try await manager.send(.get, page).body).contains(
                        "Le téléservice est <span class=\"badge badge--success\">En ligne</span>"))

                // Quality of service: refused values stay in the form; empty fields bring the defaults back.
                let badQuality = try await post("alertes", [("maximum", "5"), ("rappel", "7")])
                #expect(badQuality.status == .badRequest)
                let badQualityText = String(buffer: badQuality.body)
                #expect(badQualityText.contains("Alerte de rappel : saisissez un nombre de jours ouvrés inférieur"))
                #expect(badQualityText.contains("name=\"rappel\" value=\"7\""))
                #expect(try await post("alertes", [("maximum", "15"), ("rappel", "4")]).status == .seeOther)
                #expect(
                    try await Self.teleservice(harness, ids.teleservice)?.qualityOfService
                        == QualityOfService(maximumDays: 15, reminderDays: 4))
                #expect(try await post("alertes", [("maximum", ""), ("rappel", "")]).status == .seeOther)
                #expect(try await Self.teleservice(harness, ids.teleservice)?.qualityOfService == nil)

                // Supporting documents: added once, refused twice, removed.
                #expect(try await post("pieces", [("piece", "Justificatif de domicile")]).status == .seeOther)
                #expect(try await post("pieces", [("piece", "Livret de famille")]).status == .seeOther)
                let twice = try await post("pieces", [("piece", "Justificatif de domicile")])
                #expect(twice.status == .badRequest)
                #expect(String(buffer: twice.body).contains("une pièce est demandée deux fois"))
                #expect(try await post("pieces/retirer", [("piece", "Justificatif de domicile")]).status == .seeOther)
                #expect(
                    try await Self.teleservice(harness, ids.teleservice)?.requiredDocuments == ["Livret de famille"])

                // Parameter lists: a drop-down list, a tree, nesting refused in a drop-down list.
                let diets = [
                    ("nom", "Régimes"), ("presentation", "drop-down"), ("valeurs", "std ; Standard\nveg ; Végétarien"),
                ]
                #expect(try await post("parametres", diets).status == .seeOther)
                let nested = try await post(
                    "parametres",
                    [("nom", "Jours"), ("presentation", "drop-down"), ("valeurs", "lun ; Lundi\nmatin ; Matin ; lun")])
                #expect(nested.status == .badRequest)
                let nestedText = String(buffer: nested.body)
                #expect(nestedText.contains("seul un arbre peut imbriquer"))
                #expect(nestedText.contains("name=\"nom\" value=\"Jours\""))
                #expect(nestedText.contains("matin ; Matin ; lun</textarea>"))
                let tree = [
                    ("nom", "Jours"), ("presentation", "checkbox-tree"),
                    ("valeurs", "lun ; Lundi\nmatin ; Matin ; lun"),
                ]
                #expect(try await post("parametres", tree).status == .seeOther)
                let lists = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestCatalogRepository(sql: sql).lists(of: ids.teleservice)
                    }
                }
                #expect(lists.map(\.name) == ["Jours", "Régimes"])
                #expect(lists.first?.entries.last == ParameterList.Entry(key: "matin", label: "Matin", parent: "lun"))
                #expect(
                    String(buffer: try await manager.send(.get, page).body).contains("std ; Standard\nveg ; Végétarien")
                )
                #expect(try await post("parametres/supprimer", [("nom", "Jours")]).status == .seeOther)

                // Seasons: an overlapping one is refused with its values kept; edit, then delete.
                let year: [(String, String)] = [
                    ("nom", "2027-2028"), ("inscriptions-ouverture", "2027-03-01"),
                    ("inscriptions-cloture", "2027-06-30"), ("validation", "2027-07-01"), ("debut", "2027-09-01"),
                    ("fin", "2028-07-05"),
                ]
                #expect(try await post("saisons", year).status == .seeOther)
                let summer: [(String, String)] = [
                    ("nom", "Été 2028"), ("inscriptions-ouverture", "2028-03-01"),
                    ("inscriptions-cloture", "2028-05-31"), ("validation", "2028-06-01"), ("debut", "2028-07-01"),
                    ("fin", "2028-08-31"),
                ]
                let overlap = try await post("saisons", summer)
                #expect(overlap.status == .badRequest)
                let overlapText = String(buffer: overlap.body)
                #expect(overlapText.contains("La saison « Été 2028 » chevauche la saison « 2027-2028 » (saison)"))
                #expect(overlapText.contains("name=\"nom\" value=\"Été 2028\""))
                #expect(overlapText.contains("name=\"debut\" value=\"2028-07-01\""))
                let seasons = try await harness.withDatabase { database in
                    try await RequestCatalogService(database: database).seasons(
                        of: ids.teleservice, for: manager.agentID)
                }
                let season = try #require(seasons.first?.id)
                #expect(seasons.count == 1)
                let editing = String(buffer: try await manager.send(.get, "\(page)/saisons/\(season)").body)
                #expect(editing.contains("Modifier la saison"))
                #expect(editing.contains("name=\"fin\" value=\"2028-07-05\""))
                var shorter = summer
                shorter[4] = ("debut", "2028-07-06")
                #expect(try await post("saisons", shorter).status == .seeOther)
                var renamed = year
                renamed[0] = ("nom", "Année 2027-2028")
                let edited = try await post("saisons", [("id", "\(season)")] + renamed)
                #expect(edited.status == .seeOther)
                let listed = String(buffer: try await manager.send(.get, page).body)
                #expect(listed.contains("<td>Année 2027-2028</td>") && listed.contains("<td>Été 2028</td>"))
                #expect(try await post("saisons/\(season)/supprimer", []).status == .seeOther)
                let remaining = try await harness.withDatabase { database in
                    try await RequestCatalogService(database: database).seasons(
                        of: ids.teleservice, for: manager.agentID)
                }
                #expect(remaining.map(\.name) == ["Été 2028"])
            }
        }

        /// `sceau-platform request-admin LOGIN [--remove]` run on the platform's database, and its function.
        @Test(arguments: StorageBackend.available)
        func aManagerCreatesATeleserviceAndWritesItsForm(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader) = (cast.manager, cast.colleague)
                let ids = try await Self.catalog(harness, cast)
                let root = "/espace-agent/demarches/gestion"
                let create = "\(root)/categories/\(ids.category)/teleservices"
                // A reader cannot create; a name already taken is refused with the name kept in its form.
                let refused = try await reader.send(.post, create, bytes: Self.form([("nom", "Cantine")]))
                #expect(refused.status == .forbidden)
                let taken = try await manager.send(
                    .post, create, bytes: Self.form([("nom", "Inscription scolaire"), ("compte", "1")]))
                #expect(taken.status == .conflict)
                let takenText = String(buffer: taken.body)
                #expect(takenText.contains("id=\"nouveau-teleservice-\(ids.category)\""))
                #expect(takenText.contains("value=\"Inscription scolaire\""))
                let created = try await manager.send(.post, create, bytes: Self.form([("nom", "Cantine")]))
                #expect(created.status == .seeOther)
                let location = try #require(created.headers[.location])
                let id = try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
                let stored = try #require(try await Self.teleservice(harness, id))
                #expect(stored.name == "Cantine" && !stored.online && !stored.requiresAccount)
                #expect(stored.categoryID == ids.category && stored.form.fields.isEmpty)
                // The form, one field per line; a list must exist, a type be known.
                let page = "\(root)/teleservices/\(id)"
                func post(_ path: String, _ pairs: [(String, String)]) async throws -> TestResponse {
                    try await manager.send(.post, "\(page)/\(path)", bytes: Self.form(pairs))
                }
                let unknownList = try await post(
                    "formulaire", [("champs", "ecole ; École ; liste:ecoles ; obligatoire")])
                #expect(unknownList.status == .badRequest)
                let unknownText = String(buffer: unknownList.body)
                #expect(unknownText.contains("ligne 1 : la liste de paramètres « ecoles »"))
                #expect(unknownText.contains("ecole ; École ; liste:ecoles ; obligatoire</textarea>"))
                #expect(try await post("formulaire", [("champs", "nom ; Nom ; couleur")]).status == .badRequest)
                #expect(
                    try await post("formulaire", [("champs", "nom ; Nom ; texte\nnom ; Nom ; date")]).status
                        == .badRequest)
                #expect(
                    try await post(
                        "parametres",
                        [("nom", "ecoles"), ("presentation", "drop-down"), ("valeurs", "jf ; Jules Ferry")]
                    )
                    .status == .seeOther)
                let text =
                    "nom ; Nom de l'enfant ; texte ; obligatoire\n\nne-le ; Né le ; date\necole ; École ; liste:ecoles ; obligatoire\nrepas ; Repas par semaine ; nombre ; facultatif"
                #expect(try await post("formulaire", [("champs", text)]).status == .seeOther)
                let form = try #require(try await Self.teleservice(harness, id)).form
                #expect(form.fields.map(\.key) == ["nom", "ne-le", "ecole", "repas"])
                #expect(form.fields.map(\.required) == [true, false, true, false])
                #expect(form.fields[2].kind == .parameters && form.fields[2].list == "ecoles")
                #expect(form.fields[1].kind == .date && form.fields[3].kind == .number)
                let shown = String(buffer: try await manager.send(.get, page).body)
                #expect(shown.contains("ne-le ; Né le ; date ; facultatif"))
                #expect(shown.contains("ecole ; École ; liste:ecoles ; obligatoire"))
                #expect(
                    try await reader.send(.post, "\(page)/formulaire", bytes: Self.form([("champs", "")])).status
                        == .forbidden)
            }
        }

        @Test(arguments: StorageBackend.available)
        func requestAdministratorCommand(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Cergy", login: "cergy")
                let agent = try await AgentClient.signIn(client, login: "cergy")
                let url =
                    switch harness.location {
                    case .sqlite(let path): "sqlite:\(path)"
                    case .postgres(let url): url
                    }
                #expect(try await agent.send(.get, "/espace-agent/demarches/gestion").status == .forbidden)
                try await Self.run(["request-admin", "cergy", "--database-url", url])
                #expect(try await agent.send(.get, "/espace-agent/demarches/gestion").status == .ok)
                await #expect(throws: ExitCode.failure) {
                    try await Self.run(["request-admin", "personne", "--database-url", url])
                }
                try await Self.run(["request-admin", "cergy", "--remove", "--database-url", url])
                #expect(try await agent.send(.get, "/espace-agent/demarches/gestion").status == .forbidden)
                try await harness.withDatabase { database in
                    let catalog = RequestCatalogService(database: database)
                    await #expect(throws: DomainError.notFound(what: "Agent « personne »")) {
                        try await catalog.setAdministrator(login: "personne", true)
                    }
                    #expect(try await catalog.rights(of: agent.agentID).isAdministrator == false)
                    let actions = try await database.session { sql in
                        try await sql.select().column("action").from("journal")
                            .all(decodingColumn: "action", as: String.self)
                    }
                    #expect(actions.filter { $0 == "request-administrator.changed" }.count == 2)
                }
            }
        }

        static func run(_ arguments: [String]) async throws {
            let command = try SceauPlatform.parseAsRoot(arguments)
            guard var admin = command as? RequestAdminCommand else {
                Issue.record("\(arguments) parsed as \(type(of: command))")
                return
            }
            try await admin.run()
        }
    }
}
