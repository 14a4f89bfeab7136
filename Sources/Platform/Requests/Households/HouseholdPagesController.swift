import Hummingbird
import PlatformKernel

/// The back office's household accounts, `/espace-agent/demarches/foyers…`: "Rechercher un compte foyer",
/// "Gestion d'un compte foyer" with its state and status, and "Mode guichet" (a request filed for the
/// household). Every route needs a signed-in agent (`AgentRequestContext`).
package struct HouseholdPagesController: Sendable {
    package let households: HouseholdService
    package let requests: CitizenRequestService
    /// Where the documents handed in at the counter are stored.
    package let files: FileStore

    package init(households: HouseholdService, requests: CitizenRequestService, files: FileStore) {
        self.households = households
        self.requests = requests
        self.files = files
    }

    package typealias Context = AgentRequestContext

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/foyers", context: Context.self)
        pages.get(use: search)
        pages.get(":id", use: household)
        pages.post(":id/etat", use: changeState)
        pages.get(":id/demande", use: counterForm)
        pages.post(":id/demande", use: fileAtCounter)
        // Called by the counter page's script: errors as JSON (French text) when it asks for JSON.
        pages.post(":id/documents", use: addCounterDocument)
    }

    // MARK: - Search and account

    @Sendable package func search(_ request: Request, context: Context) async throws -> Response {
        let query = try URLEncodedFormDecoder.backOfficeQuery(HouseholdSearchView.Query.self, from: request)
        var found: [Household] = []
        var refusal: (error: FormError, status: HTTPResponse.Status)?
        do {
            var number: Int64?
            if let text = query.numero.criterion {
                guard let parsed = Int64(text) else {
                    throw DomainError.invalidField(field: "N° du compte foyer", reason: "saisissez un nombre.")
                }
                number = parsed
            }
            found = try await households.search(
                name: query.nom.criterion, id: number,
                state: query.etat.criterion.flatMap(Household.State.init(rawValue:)),
                status: query.statut.criterion.flatMap(Household.Status.init(rawValue:)),
                responsibleOnly: query.responsable == "1", sortByName: query.tri == "nom",
                by: context.signedIn.agent.id ?? 0)
        } catch {
            guard let refused = FormError.refusal(error, fields: ["N° du compte foyer": "numero"]) else { throw error }
            refusal = refused
        }
        return try HouseholdSearchView.page(
            signedIn: context.signedIn, query: query, households: found, error: refusal?.error
        ).response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    @Sendable package func household(_ request: Request, context: Context) async throws -> Page<HouseholdView> {
        try await page(try Self.id(context), form: nil, error: nil, context: context)
    }

    @Sendable package func changeState(_ request: Request, context: Context) async throws -> Response {
        let id = try Self.id(context)
        let form = try await URLEncodedFormDecoder.backOffice(
            HouseholdView.StateForm.self, from: request, context: context)
        guard let state = Household.State(rawValue: form.etat ?? "") else {
            return try await refused(id, form, field: "etat", "Choisissez l'état du compte.", request, context)
        }
        guard let status = Household.Status(rawValue: form.statut ?? "") else {
            return try await refused(id, form, field: "statut", "Choisissez le statut du compte.", request, context)
        }
        try await households.setState(state, status: status, of: id, by: context.signedIn.agent.id ?? 0)
        return .redirect(to: "\(HouseholdPages.root)/\(id)#traitement", type: .normal)
    }

    /// The account's page again with the state form refused (400).
    private func refused(
        _ id: Int64, _ form: HouseholdView.StateForm, field: String, _ message: String, _ request: Request,
        _ context: Context
    ) async throws -> Response {
        try await page(id, form: form, error: FormError(message, field: field), context: context)
            .response(status: .badRequest, from: request, context: context)
    }

    private func page(_ id: Int64, form: HouseholdView.StateForm?, error: FormError?, context: Context) async throws
        -> Page<HouseholdView>
    {
        let agentID = context.signedIn.agent.id ?? 0
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
        return HouseholdView.page(
            signedIn: context.signedIn, detail: detail, requests: try await requests.search(search, for: agentID),
            names: names, form: form, error: error)
    }

    // MARK: - Mode guichet

    /// The teleservice chosen in the counter form's first step.
    package struct CounterQuery: Decodable, Sendable {
        package var teleservice: String?

        package init(teleservice: String? = nil) {
            self.teleservice = teleservice
        }
    }

    @Sendable package func counterForm(_ request: Request, context: Context) async throws -> Page<CounterRequestView> {
        let query = try URLEncodedFormDecoder.backOfficeQuery(CounterQuery.self, from: request)
        return try await counterPage(
            try Self.id(context), teleservice: query.teleservice.criterion.flatMap { Int64($0) }, form: nil,
            error: nil, context: context)
    }

    /// The filing: the form has a field per line of the teleservice's form (`champ.KEY`, repeated for a
    /// checkbox tree) and a `document` per ticked document, hence read as pairs, not decoded.
    @Sendable package func fileAtCounter(_ request: Request, context: Context) async throws -> Response {
        let id = try Self.id(context)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let agentID = context.signedIn.agent.id ?? 0
        let teleserviceID = Int64(form["teleservice"] ?? "") ?? 0
        var teleservice: Teleservice?
        do {
            // A teleservice not offered is refused by the filing itself (unknown, offline, or no write right).
            teleservice = try await counterTeleservices(by: agentID).first { $0.id == teleserviceID }
            let filed = try await requests.file(
                CitizenRequestService.Filing(
                    teleserviceID: teleserviceID, householdID: id, subjectID: form["sujet"].flatMap { Int64($0) },
                    seasonID: form["saison"].flatMap { Int64($0) },
                    data: teleservice.map { Self.data(form, teleservice: $0) } ?? [:],
                    documentIDs: form.all("document").compactMap { Int64($0) }, counterAgentID: agentID))
            return .redirect(to: "\(BackOffice.root)/\(filed.id ?? 0)", type: .normal)
        } catch {
            guard
                let refusal = FormError.refusal(
                    error, fields: CounterRequestView.fieldIDs(teleservice),
                    keeping: [.badRequest, .conflict, .forbidden])
            else { throw error }
            return try await counterPage(
                id, teleservice: teleserviceID, form: form, error: refusal.error, context: context
            ).response(status: refusal.status, from: request, context: context)
        }
    }

    /// `POST …/foyers/{id}/documents?type=…&nom=…`: a document the citizen hands in at the counter, the
    /// file as the body, put into the household's space (the counter form's "Joindre ce fichier").
    @Sendable package func addCounterDocument(_ request: Request, context: Context) async throws
        -> EditedResponse<FrontOfficeDocument>
    {
        let id = try Self.id(context)
        let agentID = context.signedIn.agent.id ?? 0
        try await households.requireCounterAgent(agentID, household: id)
        let upload = try await DocumentUpload.receive(request, files: files)
        let document = try await households.addDocumentAtCounter(
            kind: upload.kind, fileName: upload.fileName, sha256: upload.stored.hash.hex, to: id, by: agentID)
        return upload.created(document)
    }

    /// The values of the teleservice's fields (`champ.KEY`), empty ones left out.
    package static func data(_ form: FormFields, teleservice: Teleservice) -> [String: [String]] {
        var data: [String: [String]] = [:]
        for field in teleservice.form.fields {
            let values = form.all("champ.\(field.key)").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            if !values.isEmpty { data[field.key] = values }
        }
        return data
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
        _ id: Int64, teleservice: Int64?, form: FormFields?, error: FormError?, context: Context
    ) async throws -> Page<CounterRequestView> {
        let agentID = context.signedIn.agent.id ?? 0
        let detail = try await households.detail(id, by: agentID)
        let offered = try await counterTeleservices(by: agentID)
        var entry: CounterRequestView.Entry?
        if let chosen = offered.first(where: { $0.id == teleservice }), let teleserviceID = chosen.id {
            let today = CivilDate(parisTime: requests.now())
            let seasons = try await RequestCatalogService(database: households.database).seasons(
                of: teleserviceID, for: agentID)
            let lists = try await households.database.session { sql in
                try await RequestCatalogRepository(sql: sql).lists(of: teleserviceID)
            }
            entry = CounterRequestView.Entry(
                teleservice: chosen, lists: lists, seasons: seasons.filter { $0.acceptsRegistrations(on: today) })
            if let form {
                entry?.data = Self.data(form, teleservice: chosen)
                entry?.subject = form["sujet"]
                entry?.season = form["saison"]
                entry?.documents = Set(form.all("document").compactMap { Int64($0) })
            }
        }
        return CounterRequestView.page(
            signedIn: context.signedIn, household: detail.household, teleservices: offered, documents: detail.documents,
            entry: entry, error: error)
    }

    private static func id(_ context: Context) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }
}
