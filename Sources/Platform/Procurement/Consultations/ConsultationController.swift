import Foundation
import Hummingbird
import PlatformKernel

/// Consultations as JSON (`/api/consultations…`) and as the French pages `/consultations…`.
/// Every right is checked by ``ConsultationService``; the pages are for signed-in agents (``AgentRequestContext``).
/// The list of consultations is the « Tableau de bord » (`Dashboard/`).
package struct ConsultationController: Sendable {
    package let service: ConsultationService
    /// The remote jobs, for the "Plis" section of the page (opening right, after the deadline).
    package var jobs: RemoteJobService?
    package var assistantPort = AssistantScript.defaultPort
    /// The « messagerie sécurisée », for the page's « Messagerie » tab.
    package var messaging: MessagingService?
    /// The « DCE » and « Questions » tabs, shown when set.
    package var documents: DocumentService?
    package var questions: QuestionService?

    package init(
        service: ConsultationService, jobs: RemoteJobService? = nil, assistantPort: Int = AssistantScript.defaultPort,
        messaging: MessagingService? = nil
    ) {
        self.service = service
        self.jobs = jobs
        self.assistantPort = assistantPort
        self.messaging = messaging
    }

    /// The API path and page path of each state change with a plain comment.
    private static let transitions: [(api: String, page: String, transition: ConsultationTransition)] = [
        ("submit", "demander-validation", .submit),
        ("refuse", "refuser", .returnToElaboration),
        ("validate", "valider", .validate),
        ("open", "ouvrir", .open),
    ]

    package func register(on router: Router<PlatformRequestContext>) {
        registerAPI(on: router)
        registerPages(on: router)
    }

    // MARK: - JSON

    private func registerAPI(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("consultations") { _, context in
            try await service.list(for: context.signedIn.authority).map(APIModels.ConsultationView.init)
        }
        api.post("consultations") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.ConsultationInput.self, context: context)
            let created = try await service.create(body.draft, by: actor)
            return EditedResponse(status: .created, response: APIModels.ConsultationView(created))
        }
        api.get("consultations/:id") { _, context in
            APIModels.ConsultationDetail(
                try await service.show(
                    try context.parameters.require("id", as: Int64.self), for: context.signedIn.authority))
        }
        api.put("consultations/:id") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.ConsultationInput.self, context: context)
            return APIModels.ConsultationView(
                try await service.update(
                    try context.parameters.require("id", as: Int64.self), with: body.draft, by: actor))
        }
        api.get("consultations/:id/history") { _, context in
            try await service.history(
                of: try context.parameters.require("id", as: Int64.self), for: context.signedIn.authority
            ).map(APIModels.StateChangeView.init)
        }
        for (path, _, transition) in Self.transitions {
            api.post("consultations/:id/\(path)") { request, context in
                let actor = context.signedIn.authority
                let body = try await Self.optionalJSON(APIModels.TransitionInput.self, request, context)
                return APIModels.ConsultationView(
                    try await service.apply(
                        transition, to: try context.parameters.require("id", as: Int64.self), by: actor,
                        comment: body?.comment ?? ""))
            }
        }
        api.post("consultations/:id/reset-decision") { request, context in
            let actor = context.signedIn.authority
            let body = try await Self.optionalJSON(APIModels.TransitionInput.self, request, context)
            return APIModels.ConsultationView(
                try await service.apply(
                    .resetDecision(lot: body?.lot), to: try context.parameters.require("id", as: Int64.self), by: actor,
                    comment: body?.comment ?? ""))
        }
        api.post("consultations/:id/decide") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.DecisionInput.self, context: context)
            return APIModels.ConsultationView(
                try await service.apply(
                    .decide(body.decisions), to: try context.parameters.require("id", as: Int64.self), by: actor,
                    comment: body.comment ?? ""))
        }
        api.post("consultations/:id/suite") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.SuiteInput.self, context: context)
            let suite = try await service.createSuite(
                of: try context.parameters.require("id", as: Int64.self), reference: body.reference, by: actor)
            return EditedResponse(status: .created, response: APIModels.ConsultationView(suite))
        }
    }

    /// A JSON body that may be absent: `nil` for an empty body.
    private static func optionalJSON<T: Decodable>(
        _ type: T.Type, _ request: Request, _ context: AgentRequestContext
    ) async throws -> T? {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard body.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw HTTPError(
                .badRequest,
                message: "Corps JSON illisible : envoyez un objet, par exemple {\"comment\": \"…\"}, ou rien.")
        }
    }

    // MARK: - Pages

    /// The agents' pages, `/consultations…`; without an agent's session a browser is sent to "Connexion".
    /// A refused action shows its page again with the reason and the status of the API; "not found" stays
    /// the error page.
    private func registerPages(on router: Router<PlatformRequestContext>) {
        // `GET /consultations`, the « Tableau de bord », is DashboardController's.
        let pages = router.group("consultations", context: AgentRequestContext.self)
        pages.get("nouvelle", use: newForm)
        pages.post("nouvelle", use: create)
        pages.get(":id", use: show)
        pages.get(":id/modifier", use: editForm)
        pages.post(":id/modifier", use: update)
        for (_, path, transition) in Self.transitions {
            pages.post(":id/\(path)", use: apply(transition))
        }
        pages.post(":id/reinitialiser-decision", use: resetDecision)
        pages.post(":id/decider", use: decide)
        pages.post(":id/creer-suite", use: createSuite)
    }

    /// The comment of a state change; the API's `TransitionInput` as a form.
    package struct CommentForm: Decodable {
        package var comment: String?

        package init(comment: String? = nil) {
            self.comment = comment
        }
    }

    /// "Réinitialiser la décision": a lot (empty for all) and a comment.
    package struct ResetForm: Decodable {
        package var lot: String?
        package var comment: String?

        package init(lot: String? = nil, comment: String? = nil) {
            self.lot = lot
            self.comment = comment
        }
    }

    /// "Créer une suite".
    package struct SuiteForm: Decodable {
        package var reference: String?

        package init(reference: String? = nil) {
            self.reference = reference
        }
    }

    @Sendable package func newForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let mode: ConsultationCreationMode =
            request.uri.queryParameters.get("mode") == ConsultationCreationMode.simplified.rawValue
            ? .simplified : .standard
        return try await creationForm(.blank(mode), error: nil, request: request, context: context)
    }

    /// The consultation form's fields: `invite` repeats once per invited agent and `permanent-<id>` is named
    /// after one, which a `Decodable` struct cannot express; ``ConsultationFormFields`` reads them instead.
    @Sendable package func create(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let fields = ConsultationFormFields(try await Self.formFields(request, context))
        do {
            let created = try await service.create(try fields.draft(), by: context.signedIn.authority)
            return .redirect(to: "/consultations/\(created.id ?? 0)", type: .normal)
        } catch let error as DomainError {
            return try await creationForm(fields, error: error, request: request, context: context)
        }
    }

    @Sendable package func show(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try await consultationPage(
            try context.parameters.require("id", as: Int64.self), error: nil, request: request, context: context)
    }

    @Sendable package func editForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let file = try await service.show(
            try context.parameters.require("id", as: Int64.self), for: context.signedIn.authority)
        return try await modificationForm(
            file, fields: ConsultationFormFields(file.consultation), error: nil, request: request, context: context)
    }

    @Sendable package func update(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let fields = ConsultationFormFields(try await Self.formFields(request, context))
        do {
            _ = try await service.update(id, with: try fields.draft(), by: context.signedIn.authority)
            return .redirect(to: "/consultations/\(id)", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            let file = try await service.show(id, for: context.signedIn.authority)
            return try await modificationForm(file, fields: fields, error: error, request: request, context: context)
        }
    }

    /// The handler of a state change posted from the page with its comment.
    package func apply(_ transition: ConsultationTransition)
        -> @Sendable (Request, AgentRequestContext) async throws
        -> Response
    {
        { request, context in
            let form = try await URLEncodedFormDecoder().decode(CommentForm.self, from: request, context: context)
            return try await pageAction(request: request, context: context) { id in
                _ = try await service.apply(
                    transition, to: id, by: context.signedIn.authority, comment: form.comment ?? "")
                return id
            }
        }
    }

    @Sendable package func resetDecision(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(ResetForm.self, from: request, context: context)
        return try await pageAction(request: request, context: context) { id in
            _ = try await service.apply(
                .resetDecision(lot: form.lot.flatMap { Int($0) }), to: id, by: context.signedIn.authority,
                comment: form.comment ?? "")
            return id
        }
    }

    /// The decision form names its fields after the lots (`kindN`, `commentN`): read as ``FormFields``.
    @Sendable package func decide(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await Self.formFields(request, context)
        return try await pageAction(request: request, context: context) { id in
            try await service.apply(.decide(try Self.decisions(form)), to: id, by: context.signedIn.authority)
            return id
        }
    }

    @Sendable package func createSuite(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(SuiteForm.self, from: request, context: context)
        return try await pageAction(request: request, context: context, typedSuiteReference: form.reference ?? "") {
            id in
            try await service.createSuite(of: id, reference: form.reference ?? "", by: context.signedIn.authority).id
                ?? id
        }
    }

    /// Runs a page's action on consultation `:id`, then shows the consultation it names; a refusal shows the
    /// consultation with the reason, except "not found", which stays a 404.
    private func pageAction(
        request: Request, context: AgentRequestContext, typedSuiteReference: String = "",
        _ action: (Int64) async throws -> Int64
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let target = try await action(id)
            return .redirect(to: "/consultations/\(target)", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await consultationPage(
                id, error: error, typedSuiteReference: typedSuiteReference, request: request, context: context)
        }
    }

    /// The consultation's page, with the status of `error` when an action was refused.
    package func consultationPage(
        _ id: Int64, error: DomainError?, typedSuiteReference: String = "",
        plisRefusal: OpeningTable.Refusal? = nil, questionsRefusal: QuestionsTabView.Refusal? = nil,
        request: Request, context: AgentRequestContext
    ) async throws -> Response {
        let authority = context.signedIn.authority
        let file = try await service.show(id, for: authority)
        var plis: PlisView?
        if let jobs,
            let opening = try await OpeningService(database: jobs.database, clock: jobs.clock).fileIfOpenable(
                of: id, by: authority)
        {
            plis = PlisView(
                consultationID: id, opening: opening, jobs: try await jobs.jobs(of: id, by: authority),
                assistantPort: assistantPort, csrfToken: context.signedIn.csrfToken, refusal: plisRefusal)
        }
        var page = ConsultationView.page(
            signedIn: context.signedIn, file: file, plis: plis, error: error, typedSuiteReference: typedSuiteReference)
        if let plisRefusal, let table = plis?.table {
            page.content.errorFieldID = plisRefusal.fieldID(in: table)
            page.content.hasErrorField = true
        }
        if let messaging, let tab = try await messaging.tab(of: id, by: authority) { page.content.addMessaging(tab) }
        try await page.add(
            documents: documents, questions: questions, file: file, signedIn: context.signedIn,
            questionsRefusal: questionsRefusal)
        if let questionsRefusal {
            page.content.errorFieldID = questionsRefusal.fieldID
            page.content.hasErrorField = true
        }
        return try page.response(status: error?.status ?? .ok, from: request, context: context)
    }

    /// "Création d'une consultation", for an agent who may create in at least one service.
    private func creationForm(
        _ fields: ConsultationFormFields, error: DomainError?, request: Request, context: AgentRequestContext
    ) async throws -> Response {
        let authority = context.signedIn.authority
        let services = try await service.creationServices(for: authority)
        guard !services.isEmpty else {
            throw DomainError.forbidden(
                reason: "Vous n'avez le droit de créer une consultation dans aucun service : "
                    + "il faut un rôle d'acheteur (ou PRM).")
        }
        let view = ConsultationFormView(
            fields: fields, csrfToken: context.signedIn.csrfToken, services: services, serviceName: "",
            invitable: try await service.invitableAgents(for: authority), consultationID: nil, error: error)
        return try Page(
            "consultations/form", title: view.heading, audience: .agent, section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(view.heading),
            ],
            user: context.signedIn.banner, content: view
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    /// The modification of a consultation in elaboration; its service stays.
    private func modificationForm(
        _ file: ConsultationFile, fields: ConsultationFormFields, error: DomainError?, request: Request,
        context: AgentRequestContext
    ) async throws -> Response {
        let consultation = file.consultation
        let view = ConsultationFormView(
            fields: fields, csrfToken: context.signedIn.csrfToken, services: [], serviceName: file.serviceName,
            invitable: try await service.invitableAgents(for: context.signedIn.authority),
            consultationID: consultation.id, storedReference: consultation.reference.value, error: error)
        let name = "Consultation \(consultation.reference.value)"
        return try Page(
            "consultations/form", title: view.heading, audience: .agent,
            section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(name, "/consultations/\(consultation.id ?? 0)"), Breadcrumb("Modification"),
            ],
            user: context.signedIn.banner, content: view
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    /// The fields of an URL-encoded form, in order (a name may repeat).
    private static func formFields(_ request: Request, _ context: AgentRequestContext) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    /// The decisions of the decision form: `kind` and `comment` for an undivided consultation, `kindN` and
    /// `commentN` for lot N.
    private static func decisions(_ form: FormFields) throws(DomainError) -> [ConsultationDecision] {
        var decisions: [ConsultationDecision] = []
        for (name, value) in form.pairs where name.hasPrefix("kind") {
            let suffix = name.dropFirst("kind".count)
            guard let kind = ConsultationDecision.Kind(rawValue: value) else {
                throw .invalidField(field: "décision", reason: "Choisissez une décision de la liste.")
            }
            let lot: Int?
            if suffix.isEmpty {
                lot = nil
            } else if let number = Int(suffix) {
                lot = number
            } else {
                throw .invalidField(field: "décision", reason: "Lot inconnu : \(suffix).")
            }
            decisions.append(ConsultationDecision(lotNumber: lot, kind: kind, comment: form["comment\(suffix)"] ?? ""))
        }
        return decisions.sorted { ($0.lotNumber ?? 0) < ($1.lotNumber ?? 0) }
    }
}
