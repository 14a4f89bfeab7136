import Hummingbird

/// The back office's household accounts, `/espace-agent/demarches/foyers…`: "Rechercher un compte foyer" and
/// "Gestion d'un compte foyer" with its state and status.
struct HouseholdPagesController: Sendable {
    let households: HouseholdService
    let requests: CitizenRequestService
    /// Where the documents handed in at the counter are stored.
    let files: FileStore

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/foyers")
        pages.get { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters where !value.isEmpty { query[String(key)] = String(value) }
            var number: Int64?
            if let text = query["numero"] {
                guard let parsed = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw DomainError.invalidField(field: "N° du compte foyer", reason: "saisissez un nombre.")
                }
                number = parsed
            }
            let found = try await households.search(
                name: query["nom"], id: number, state: query["etat"].flatMap(Household.State.init(rawValue:)),
                status: query["statut"].flatMap(Household.Status.init(rawValue:)),
                responsibleOnly: query["responsable"] == "1",
                sortByName: query["tri"] == "nom", by: signedIn.agent.id ?? 0)
            return try HTML(HouseholdSearchPage(query: query, households: found).render())
                .response(from: request, context: context)
        }
        pages.get(":id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await page(
                signedIn, try context.parameters.require("id", as: Int64.self), error: nil, status: .ok,
                request: request, context: context)
        }
        registerCounter(pages)
        // Called by the page's script: errors as the API gives them (French text), not as a page.
        registerCounterDocuments(router.group("espace-agent/demarches/foyers"))
        pages.post(":id/etat") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request, context: context)
            guard let state = Household.State(rawValue: form["etat"] ?? ""),
                let status = Household.Status(rawValue: form["statut"] ?? "")
            else {
                return try await page(
                    signedIn, id, error: "Choisissez un état et un statut du compte.", status: .badRequest,
                    request: request, context: context)
            }
            do {
                try await households.setState(state, status: status, of: id, by: signedIn.agent.id ?? 0)
            } catch let error as DomainError
                where error.status == .forbidden
            {
                return try await page(
                    signedIn, id, error: error.description, status: .forbidden, request: request, context: context)
            }
            return .redirect(to: "\(HouseholdPages.root)/\(id)", type: .normal)
        }
    }

    /// "Créer une demande" for the household: the agent's online teleservices, then the chosen one's form.
    private func registerCounter(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.get(":id/demande") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let chosen = request.uri.queryParameters["teleservice"].flatMap { Int64($0) }
            return try await counterPage(
                signedIn, try context.parameters.require("id", as: Int64.self), teleservice: chosen, form: nil,
                error: nil, status: .ok, request: request, context: context)
        }
        pages.post(":id/demande") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request, context: context)
            let agentID = signedIn.agent.id ?? 0
            let teleserviceID = Int64(form["teleservice"] ?? "") ?? 0
            do {
                // A teleservice not offered is refused by the filing itself (unknown, offline, or no write right).
                let teleservice = try await counterTeleservices(by: agentID).first { $0.id == teleserviceID }
                let filed = try await requests.file(
                    CitizenRequestService.Filing(
                        teleserviceID: teleserviceID, householdID: id, subjectID: form["sujet"].flatMap { Int64($0) },
                        seasonID: form["saison"].flatMap { Int64($0) },
                        data: teleservice.map { FrontOfficeController.data(form, teleservice: $0) } ?? [:],
                        documentIDs: form.all("document").compactMap { Int64($0) }, counterAgentID: agentID))
                return .redirect(to: "\(BackOffice.root)/\(filed.id ?? 0)", type: .normal)
            } catch {
                let refusal: (String, HTTPResponse.Status)
                if let error = error as? RequestError {
                    refusal = (error.description, error.status)
                } else if let error = error as? DomainError,
                    error.status != .notFound
                {
                    refusal = (error.description, error.status)
                } else {
                    throw error
                }
                return try await counterPage(
                    signedIn, id, teleservice: teleserviceID, form: form, error: refusal.0, status: refusal.1,
                    request: request, context: context)
            }
        }
    }

    /// `POST …/foyers/{id}/documents?type=…&nom=…`: a document the citizen hands in at the counter, the
    /// file as the body, put into the household's space (the counter form's "Joindre ce fichier").
    private func registerCounterDocuments(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.post(":id/documents") { request, context -> EditedResponse<FrontOfficeDocument> in
            guard let signedIn = context.agent else {
                throw DomainError.forbidden(reason: "Connectez-vous à l'espace agent.")
            }
            let id = try context.parameters.require("id", as: Int64.self)
            try await households.requireCounterAgent(signedIn.agent.id ?? 0, household: id)
            let upload = try await DocumentUpload.receive(request, files: files)
            let document = try await households.addDocumentAtCounter(
                kind: upload.kind, fileName: upload.fileName, sha256: upload.stored.hash.hex, to: id,
                by: signedIn.agent.id ?? 0)
            return upload.created(document)
        }
    }

    /// The teleservices the agent may file at the counter: online, in a category where they instruct.
    private func counterTeleservices(by agentID: Int64) async throws -> [Teleservice] {
        let catalog = RequestCatalogService(database: households.database)
        let rights = try await catalog.rights(of: agentID)
        return try await catalog.teleservices(for: agentID).filter {
            $0.online && rights.right(in: $0.categoryID) >= .write
        }
    }

    private func counterPage(
        _ signedIn: SignedInAgent, _ id: Int64, teleservice: Int64?, form: FormFields?, error: String?,
        status: HTTPResponse.Status, request: Request, context: PlatformRequestContext
    ) async throws -> Response {
        let agentID = signedIn.agent.id ?? 0
        let detail = try await households.detail(id, by: agentID)
        let offered = try await counterTeleservices(by: agentID)
        var page = CounterRequestPage(
            csrfToken: signedIn.csrfToken, household: detail.household, teleservices: offered,
            documents: detail.documents, error: error)
        if let chosen = offered.first(where: { $0.id == teleservice }), let id = chosen.id {
            let today = CivilDate(parisTime: requests.now())
            let seasons = try await RequestCatalogService(database: households.database).seasons(of: id, for: agentID)
            let lists = try await households.database.session { sql in
                try await RequestCatalogRepository(sql: sql).lists(of: id)
            }
            page.chosen = (chosen, lists, seasons.filter { $0.acceptsRegistrations(on: today) })
            if let form {
                page.data = FrontOfficeController.data(form, teleservice: chosen)
                page.values = ["sujet": form["sujet"] ?? "", "saison": form["saison"] ?? ""]
                page.selectedDocuments = Set(form.all("document").compactMap { Int64($0) })
            }
        }
        var response = try HTML(page.render()).response(from: request, context: context)
        response.status = status
        return response
    }

    private func page(
        _ signedIn: SignedInAgent, _ id: Int64, error: String?, status: HTTPResponse.Status, request: Request,
        context: PlatformRequestContext
    ) async throws -> Response {
        let agentID = signedIn.agent.id ?? 0
        let detail = try await households.detail(id, by: agentID)
        var search = RequestSearch()
        search.householdID = id
        search.limit = RequestSearch.maximumLimit
        let ids = detail.history.compactMap { entry -> Int64? in
            if case .agent(let id) = entry.event.actor { return id }
            return nil
        }
        let names = try await households.database.session { sql in
            try await AgentRepository(sql: sql).displayNames(ids)
        }
        var response = try HTML(
            HouseholdPage(
                csrfToken: signedIn.csrfToken, detail: detail,
                requests: try await requests.search(search, for: agentID),
                agentNames: names, error: error
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }
}
