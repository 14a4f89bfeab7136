import Foundation
import Hummingbird

/// The agents' back office of citizens' requests, server-rendered French pages under
/// `/espace-agent/demarches`: task board, search, request page with its zones and the citizen's documents,
/// notes, "Contacter le citoyen" (HTML and PDF letters), templates, printable history, tracking tables with
/// CSV exports.
struct BackOfficeController: Sendable {
    let service: CitizenRequestService
    let catalog: RequestCatalogService
    let letters: LettersService
    /// Where the citizens' documents are stored.
    let files: FileStore

    var tracking: BackOfficeTracking { BackOfficeTracking(service: service) }

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches")
        pages.get { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let board = try await service.taskBoard(for: signedIn.agent.id ?? 0)
            return try HTML(TaskBoardPage(board: board).render()).response(from: request, context: context)
        }
        pages.get("recherche") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let agentID = signedIn.agent.id ?? 0
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters where !value.isEmpty { query[String(key)] = String(value) }
            let search = try Self.search(query)
            return try HTML(
                RequestSearchPage(
                    query: query, categories: try await catalog.categories(for: agentID),
                    teleservices: try await catalog.teleservices(for: agentID),
                    results: try await service.search(search, for: agentID)
                ).render()
            ).response(from: request, context: context)
        }
        registerTracking(pages)
        registerTemplates(pages)
        pages.get(":id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let detail = try await service.open(try Self.id(context), by: signedIn.agent.id ?? 0)
            return try await requestPage(signedIn, detail, error: nil, status: .ok, request: request, context: context)
        }
        pages.get(":id/documents/:document") { _, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let document = try await service.documentForAgent(
                try Self.id(context), document: try context.parameters.require("document", as: Int64.self),
                by: signedIn.agent.id ?? 0)
            return try await CitizenDocumentResponse.response(document, files: files)
        }
        registerActions(pages)
        registerContact(pages)
        pages.get(":id/historique") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let detail = try await service.detail(try Self.id(context), for: signedIn.agent.id ?? 0)
            return try HTML(
                HistoryPage(
                    request: detail.request, history: detail.history,
                    names: try await names(detail.history.compactMap(\.agentID))
                ).render()
            ).response(from: request, context: context)
        }
    }

    // MARK: - Request page and its actions

    private func registerActions(_ pages: RouterGroup<PlatformRequestContext>) {
        action(pages, "etat") { id, agentID, form in
            guard let state = RequestState(rawValue: form["etat"] ?? "") else {
                throw DomainError.invalidField(field: "État", reason: "choisissez un état de la liste.")
            }
            _ = try await service.transition(id, to: state, note: form["note"], by: agentID)
        }
        action(pages, "donnees") { id, agentID, form in
            guard let state = RequestDataState(rawValue: form["etat"] ?? "") else {
                throw DomainError.invalidField(field: "État des données", reason: "choisissez un état de la liste.")
            }
            _ = try await service.setDataState(id, to: state, by: agentID)
        }
        action(pages, "champ") { id, agentID, form in
            let values = (form["valeur"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            _ = try await service.editField(id, key: form["cle"] ?? "", values: values, by: agentID)
        }
        action(pages, "notes") { id, agentID, form in
            guard let kind = RequestNote.Kind(rawValue: form["type"] ?? "") else {
                throw DomainError.invalidField(field: "Type de note", reason: "choisissez une note interne ou usager.")
            }
            _ = try await service.addNote(id, kind: kind, text: form["texte"] ?? "", by: agentID)
        }
        action(pages, "justificatifs") { id, agentID, form in
            guard let document = Int64(form["document"] ?? "") else {
                throw DomainError.invalidField(field: "Document", reason: "choisissez un document du foyer.")
            }
            try await service.attachDocument(id, document: document, by: agentID)
        }
        action(pages, "justificatifs/:document") { id, agentID, form, context in
            let document = try context.parameters.require("document", as: Int64.self)
            var validUntil: CivilDate?
            if let text = form["validite"], !text.isEmpty {
                guard let day = CivilDate(iso: text) else {
                    throw DomainError.invalidField(field: "Valable jusqu'au", reason: "saisissez une date.")
                }
                validUntil = day
            }
            _ = try await service.changeDocument(
                id, document: document, state: form["etat"].flatMap(DocumentState.init(rawValue:)),
                validUntil: validUntil, comment: form["commentaire"], by: agentID)
        }
        action(pages, "justificatifs/:document/retirer") { id, agentID, _, context in
            try await service.detachDocument(
                id, document: try context.parameters.require("document", as: Int64.self), by: agentID)
        }
        // Back on the request page its GET would lock it again: releasing leads to the task board.
        action(pages, "liberer", then: BackOffice.root) { id, agentID, _, _ in
            _ = try await service.release(id, by: agentID)
        }
        action(pages, "reprendre") { id, agentID, _ in _ = try await service.takeOver(id, by: agentID) }
    }

    private func action(
        _ pages: RouterGroup<PlatformRequestContext>, _ path: String,
        _ body: @escaping @Sendable (Int64, Int64, FormFields) async throws -> Void
    ) {
        action(pages, path) { id, agentID, form, _ in try await body(id, agentID, form) }
    }

    /// A POST on the request page: the change, then back to the page (or to `then`); a refusal shows the
    /// page with the French reason and the API's status (not found stays a 404).
    private func action(
        _ pages: RouterGroup<PlatformRequestContext>, _ path: String, then: String? = nil,
        _ body: @escaping @Sendable (Int64, Int64, FormFields, PlatformRequestContext) async throws -> Void
    ) {
        pages.post(":id/\(path)") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try Self.id(context)
            let agentID = signedIn.agent.id ?? 0
            let form = try await FormFields.read(request, context: context)
            do {
                try await body(id, agentID, form, context)
                return .redirect(to: then ?? "\(BackOffice.root)/\(id)", type: .normal)
            } catch let error as RequestError {
                let detail = try await service.detail(id, for: agentID)
                return try await requestPage(
                    signedIn, detail, error: error.description, status: error.status,
                    request: request, context: context)
            } catch let error as DomainError where error.status != .notFound {
                let detail = try await service.detail(id, for: agentID)
                return try await requestPage(
                    signedIn, detail, error: error.description, status: error.status, request: request,
                    context: context)
            }
        }
    }

    private func requestPage(
        _ signedIn: SignedInAgent, _ detail: CitizenRequestService.Detail, error: String?,
        status: HTTPResponse.Status, request: Request, context: PlatformRequestContext
    ) async throws -> Response {
        var ids = detail.history.compactMap(\.agentID) + detail.notes.compactMap(\.agentID)
        if let holder = detail.request.lock?.agentID { ids.append(holder) }
        var householdDocuments: [CitizenDocument] = []
        if detail.editable, let household = detail.request.householdID {
            householdDocuments = try await HouseholdService(database: service.database).documents(of: household)
        }
        var response = try HTML(
            BackOfficeRequestPage(
                csrfToken: signedIn.csrfToken, detail: detail, agentNames: try await names(ids),
                householdDocuments: householdDocuments, agentID: signedIn.agent.id ?? 0, now: service.now(),
                error: error
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }

    /// "Prénom Nom" of the agents, by id.
    private func names(_ ids: [Int64]) async throws -> [Int64: String] {
        try await service.database.session { sql in try await AgentRepository(sql: sql).displayNames(ids) }
    }

    // MARK: - Contacting the citizen

    private func registerContact(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.get(":id/contacter") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let detail = try await service.detail(try Self.id(context), for: signedIn.agent.id ?? 0)
            return try HTML(
                ContactPage(
                    csrfToken: signedIn.csrfToken, request: detail.request, channels: letters.channels,
                    templates: try await letters.templates(), letter: nil, form: [:], error: nil
                ).render()
            ).response(from: request, context: context)
        }
        pages.post(":id/contacter") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try Self.id(context)
            let agentID = signedIn.agent.id ?? 0
            let form = try await FormFields.read(request, context: context)
            var values: [String: String] = [:]
            for name in ["moyen", "modele", "message"] { values[name] = form[name] ?? "" }
            var letter: LettersService.Letter?
            var error: String?
            var status = HTTPResponse.Status.ok
            do {
                letter = try await letters.contact(
                    id, template: Int64(form["modele"] ?? "") ?? 0, channel: form["moyen"] ?? "",
                    observation: form["message"] ?? "", by: agentID)
            } catch let refusal as RequestError {
                error = refusal.description
                status = refusal.status
            } catch let refusal as DomainError where refusal.status != .notFound {
                error = refusal.description
                status = refusal.status
            }
            let detail = try await service.detail(id, for: agentID)
            var response = try HTML(
                ContactPage(
                    csrfToken: signedIn.csrfToken, request: detail.request, channels: letters.channels,
                    templates: try await letters.templates(), letter: letter, form: values, error: error
                ).render()
            ).response(from: request, context: context)
            response.status = status
            return response
        }
        pages.get(":id/courrier.pdf") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let query = request.uri.queryParameters
            let letter = try await letters.compose(
                try Self.id(context), template: Int64(query["modele"].map(String.init) ?? "") ?? 0,
                channel: query["moyen"].map(String.init) ?? "", observation: query["message"].map(String.init) ?? "",
                by: signedIn.agent.id ?? 0)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/pdf",
                    .contentDisposition: "inline; filename=\"courrier-\(letter.number).pdf\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: letter.pdf)))
        }
    }

    // MARK: - Templates

    private func registerTemplates(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.get("modeles") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await templatesPage(
                signedIn, editing: nil, preview: nil, error: nil, status: .ok, request, context)
        }
        pages.get("modeles/:template") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let template = try await letters.template(try context.parameters.require("template", as: Int64.self))
            return try await templatesPage(
                signedIn, editing: template, preview: nil, error: nil, status: .ok, request, context)
        }
        pages.post("modeles") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await FormFields.read(request, context: context)
            let template = LetterTemplate(
                id: form["id"].flatMap { Int64($0) }, name: form["nom"] ?? "", body: form["texte"] ?? "")
            do {
                if form["action"] == "apercu" {
                    let preview = try LetterText.render(template.body, values: Self.sampleValues)
                    return try await templatesPage(
                        signedIn, editing: template, preview: preview, error: nil, status: .ok, request, context)
                }
                let saved = try await letters.save(template, by: signedIn.agent.id ?? 0)
                return .redirect(to: "\(BackOffice.root)/modeles/\(saved.id ?? 0)", type: .normal)
            } catch let error as DomainError where error.status != .notFound {
                return try await templatesPage(
                    signedIn, editing: template, preview: nil, error: error.description, status: error.status,
                    request, context)
            }
        }
    }

    /// The values of the editor's preview: a made-up request.
    static let sampleValues: [LetterVariable: String] = [
        .numeroDemande: "2027-000042", .libelleDemande: "Inscription scolaire", .dateCreation: "06/04/2027",
        .dateValidation: "12/04/2027", .observation: "Merci de fournir un justificatif de domicile récent.",
        .numeroFoyer: "17", .civiliteDemandeur: "Mme", .nomDemandeur: "Anne Legrand", .civiliteSujet: "M.",
        .nomSujet: "Léo Legrand", .adresseFoyer: "2 rue du Parc 95000 Cergy", .date: "13/04/2027",
    ]

    private func templatesPage(
        _ signedIn: SignedInAgent, editing: LetterTemplate?, preview: String?, error: String?,
        status: HTTPResponse.Status, _ request: Request, _ context: PlatformRequestContext
    ) async throws -> Response {
        var response = try HTML(
            TemplatesPage(
                csrfToken: signedIn.csrfToken, templates: try await letters.templates(), editing: editing,
                preview: preview, canEdit: try await letters.isManager(signedIn.agent.id ?? 0), error: error
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }

    // MARK: - Tracking

    private func registerTracking(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.get("suivi") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            var tables: [(BackOfficeTracking.Kind, BackOfficeTracking.Table)] = []
            for kind in BackOfficeTracking.Kind.allCases {
                tables.append((kind, try await tracking.table(kind, for: signedIn.agent.id ?? 0)))
            }
            return try HTML(TrackingPage(tables: tables).render()).response(from: request, context: context)
        }
        for kind in BackOfficeTracking.Kind.allCases {
            pages.get("suivi/\(kind.rawValue).csv") { _, context -> Response in
                guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
                let table = try await tracking.table(kind, for: signedIn.agent.id ?? 0)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"suivi-\(kind.rawValue).csv\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: table.csv)))
            }
        }
    }

    // MARK: - Helpers

    private static func id(_ context: PlatformRequestContext) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }

    /// The search form's fields (empty ones left out), named as in the JSON API.
    static func search(_ query: [String: String]) throws(DomainError) -> RequestSearch {
        func number(_ name: String, _ label: String) throws(DomainError) -> Int64? {
            guard let value = query[name] else { return nil }
            guard let number = Int64(value) else { throw .invalidField(field: label, reason: "saisissez un nombre.") }
            return number
        }
        func day(_ name: String, _ label: String) throws(DomainError) -> CivilDate? {
            guard let value = query[name] else { return nil }
            guard let day = CivilDate(iso: value) else {
                throw .invalidField(field: label, reason: "saisissez une date.")
            }
            return day
        }
        return RequestSearch(
            requester: query["demandeur"], subject: query["concerne"], number: query["numero"],
            householdID: try number("foyer", "N° de foyer"), from: try day("du", "Déposée du"),
            to: try day("au", "Déposée au"), categoryID: try number("categorie", "Catégorie"),
            teleserviceID: try number("teleservice", "Téléservice"),
            state: query["etat"].flatMap(RequestState.init(rawValue:)),
            lastAgentID: try number("agent", "Dernier agent"),
            quality: query["qualite"].flatMap(QualityLevel.init(rawValue:)),
            sort: query["tri"].flatMap(RequestSearch.Sort.init(rawValue:)) ?? .newest, limit: RequestSearch.maximumLimit
        )
    }
}

extension RequestHistoryEntry {
    /// The agent who made the change, if an agent did.
    var agentID: Int64? {
        if case .agent(let id) = author { return id }
        return nil
    }
}
