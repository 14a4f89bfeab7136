import Foundation
import Hummingbird
import PlatformKernel

/// The agents' back office of citizens' requests, server-rendered French pages under
/// `/espace-agent/demarches`: task board, search, request page with its zones and the citizen's documents,
/// notes, "Contacter le citoyen" (HTML and PDF letters), templates, printable history, tracking tables with
/// CSV exports. Every route needs a signed-in agent (`AgentRequestContext`).
package struct BackOfficeController: Sendable {
    package let service: CitizenRequestService
    package let catalog: RequestCatalogService
    package let letters: LettersService
    /// Where the citizens' documents are stored.
    package let files: FileStore

    package init(
        service: CitizenRequestService, catalog: RequestCatalogService, letters: LettersService, files: FileStore
    ) {
        self.service = service
        self.catalog = catalog
        self.letters = letters
        self.files = files
    }

    package var tracking: BackOfficeTracking { BackOfficeTracking(service: service) }

    package typealias Context = AgentRequestContext

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches", context: Context.self)
        pages.get(use: taskBoard)
        pages.get("recherche", use: search)
        pages.get("suivi", use: trackingPage)
        for kind in BackOfficeTracking.Kind.allCases {
            pages.get("suivi/\(kind.rawValue).csv") { request, context in
                try await trackingCSV(kind, request: request, context: context)
            }
        }
        pages.get("modeles", use: templates)
        pages.get("modeles/:template", use: template)
        pages.post("modeles", use: saveTemplate)
        pages.get(":id", use: requestPage)
        pages.get(":id/documents/:document", use: document)
        registerActions(pages)
        pages.get(":id/contacter", use: contactPage)
        pages.post(":id/contacter", use: contact)
        pages.get(":id/courrier.pdf", use: letterPDF)
        pages.get(":id/historique", use: historyPage)
    }

    // MARK: - Task board and search

    @Sendable package func taskBoard(_ request: Request, context: Context) async throws -> Page<TaskBoardView> {
        let board = try await service.taskBoard(for: context.signedIn.agent.id ?? 0)
        return TaskBoardView.page(signedIn: context.signedIn, board: board)
    }

    @Sendable package func search(_ request: Request, context: Context) async throws -> Response {
        let agentID = context.signedIn.agent.id ?? 0
        let query = try URLEncodedFormDecoder.backOfficeQuery(RequestSearchView.Query.self, from: request)
        var results: [CitizenRequestService.Summary] = []
        var refusal: (error: FormError, status: HTTPResponse.Status)?
        do {
            results = try await service.search(try Self.search(query), for: agentID)
        } catch {
            guard let refused = FormError.refusal(error, fields: RequestSearchView.fieldIDs) else { throw error }
            refusal = refused
        }
        return try RequestSearchView.page(
            signedIn: context.signedIn, query: query,
            categories: try await catalog.categories(for: agentID).map { $0.0 },
            teleservices: try await catalog.teleservices(for: agentID), results: results,
            limit: RequestSearch.maximumLimit, error: refusal?.error
        ).response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    // MARK: - Request page and its actions

    @Sendable package func requestPage(_ request: Request, context: Context) async throws -> Page<RequestPageView> {
        let detail = try await service.open(try Self.id(context), by: context.signedIn.agent.id ?? 0)
        return try await page(detail, error: nil, context: context)
    }

    @Sendable package func document(_ request: Request, context: Context) async throws -> Response {
        let document = try await service.documentForAgent(
            try Self.id(context), document: try context.parameters.require("document", as: Int64.self),
            by: context.signedIn.agent.id ?? 0)
        return try await CitizenDocumentResponse.response(document, files: files)
    }

    @Sendable package func historyPage(_ request: Request, context: Context) async throws -> Page<RequestHistoryView> {
        let detail = try await service.detail(try Self.id(context), for: context.signedIn.agent.id ?? 0)
        return RequestHistoryView.page(
            signedIn: context.signedIn, detail: detail, names: try await names(detail.history.compactMap(\.agentID)),
            now: service.now())
    }

    /// The forms of the request page.
    package struct StateForm: Decodable, Sendable {
        package var etat: String?
        package var note: String?

        package init(etat: String? = nil, note: String? = nil) {
            self.etat = etat
            self.note = note
        }
    }

    package struct FieldForm: Decodable, Sendable {
        package var cle: String?
        package var valeur: String?

        package init(cle: String? = nil, valeur: String? = nil) {
            self.cle = cle
            self.valeur = valeur
        }
    }

    package struct NoteForm: Decodable, Sendable {
        package var type: String?
        package var texte: String?

        package init(type: String? = nil, texte: String? = nil) {
            self.type = type
            self.texte = texte
        }
    }

    package struct AttachForm: Decodable, Sendable {
        package var document: String?

        package init(document: String? = nil) {
            self.document = document
        }
    }

    package struct DocumentForm: Decodable, Sendable {
        package var etat: String?
        package var validite: String?
        package var commentaire: String?

        package init(etat: String? = nil, validite: String? = nil, commentaire: String? = nil) {
            self.etat = etat
            self.validite = validite
            self.commentaire = commentaire
        }
    }

    private func registerActions(_ pages: RouterGroup<Context>) {
        action(pages, "etat", anchor: "instruction") { id, agentID, request, context in
            let form = try await URLEncodedFormDecoder.backOffice(StateForm.self, from: request, context: context)
            guard let state = RequestState(rawValue: form.etat ?? "") else {
                throw DomainError.invalidField(field: "État", reason: "choisissez un état de la liste.")
            }
            _ = try await service.transition(id, to: state, note: form.note, by: agentID)
        }
        action(pages, "donnees", anchor: "donnees") { id, agentID, request, context in
            let form = try await URLEncodedFormDecoder.backOffice(StateForm.self, from: request, context: context)
            guard let state = RequestDataState(rawValue: form.etat ?? "") else {
                throw DomainError.invalidField(field: "État des données", reason: "choisissez un état de la liste.")
            }
            _ = try await service.setDataState(id, to: state, by: agentID)
        }
        action(pages, "champ", anchor: "donnees") { id, agentID, request, context in
            let form = try await URLEncodedFormDecoder.backOffice(FieldForm.self, from: request, context: context)
            let key = form.cle ?? ""
            let values = (form.valeur ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            _ = try await service.editField(id, key: key, values: values, by: agentID)
        }
        action(pages, "notes", anchor: "notes") { id, agentID, request, context in
            let form = try await URLEncodedFormDecoder.backOffice(NoteForm.self, from: request, context: context)
            guard let kind = RequestNote.Kind(rawValue: form.type ?? "") else {
                throw DomainError.invalidField(field: "Type de note", reason: "choisissez une note interne ou usager.")
            }
            _ = try await service.addNote(id, kind: kind, text: form.texte ?? "", by: agentID)
        }
        action(pages, "justificatifs", anchor: "justificatifs") { id, agentID, request, context in
            let form = try await URLEncodedFormDecoder.backOffice(AttachForm.self, from: request, context: context)
            guard let document = Int64(form.document ?? "") else {
                throw DomainError.invalidField(field: "Document du foyer", reason: "choisissez un document du foyer.")
            }
            try await service.attachDocument(id, document: document, by: agentID)
        }
        action(pages, "justificatifs/:document", anchor: "justificatifs") { id, agentID, request, context in
            let document = try context.parameters.require("document", as: Int64.self)
            let form = try await URLEncodedFormDecoder.backOffice(DocumentForm.self, from: request, context: context)
            var validUntil: CivilDate?
            if let text = form.validite.criterion {
                guard let day = CivilDate(iso: text) else {
                    throw DomainError.invalidField(field: "Valable jusqu'au", reason: "saisissez une date.")
                }
                validUntil = day
            }
            _ = try await service.changeDocument(
                id, document: document, state: form.etat.flatMap(DocumentState.init(rawValue:)),
                validUntil: validUntil, comment: form.commentaire, by: agentID)
        }
        action(pages, "justificatifs/:document/retirer", anchor: "justificatifs") { id, agentID, _, context in
            try await service.detachDocument(
                id, document: try context.parameters.require("document", as: Int64.self), by: agentID)
        }
        // Back on the request page its GET would lock it again: releasing leads to the task board.
        action(pages, "liberer", then: BackOffice.root) { id, agentID, _, _ in
            _ = try await service.release(id, by: agentID)
        }
        action(pages, "reprendre") { id, agentID, _, _ in
            _ = try await service.takeOver(id, by: agentID)
        }
    }

    /// The ids of the request page's fields named by the refusals of its forms, by French label.
    package static let fieldIDs = [
        "Type de note": "note-type", "Note": "note-texte", "Document du foyer": "joindre-document",
        "Document": "joindre-document",
    ]

    /// A POST on the request page: the change, then back to the page at `anchor` (or to `then`). A refusal
    /// shows the page with the French reason, at the top and beside the field it names, with the error's
    /// status; not found stays the error page's 404.
    private func action(
        _ pages: RouterGroup<Context>, _ path: String, anchor: String? = nil, then: String? = nil,
        _ body: @escaping @Sendable (Int64, Int64, Request, Context) async throws -> Void
    ) {
        pages.post(":id/\(path)") { request, context -> Response in
            let id = try Self.id(context)
            let agentID = context.signedIn.agent.id ?? 0
            var fields = Self.fieldIDs
            if path == "justificatifs/:document" {
                let document = try context.parameters.require("document", as: Int64.self)
                fields["Valable jusqu'au"] = "document-\(document)-validite"
            }
            do {
                try await body(id, agentID, request, context)
                return .redirect(
                    to: then ?? "\(BackOffice.root)/\(id)" + (anchor.map { "#\($0)" } ?? ""), type: .normal)
            } catch {
                let detail = try await service.detail(id, for: agentID)
                for field in detail.teleservice.form.fields where fields[field.label] == nil {
                    fields[field.label] = "valeur-\(field.key)"
                }
                guard
                    let refusal = FormError.refusal(
                        error, fields: fields, keeping: [.badRequest, .conflict, .forbidden])
                else { throw error }
                return try await page(detail, error: refusal.error, context: context)
                    .response(status: refusal.status, from: request, context: context)
            }
        }
    }

    private func page(_ detail: CitizenRequestService.Detail, error: FormError?, context: Context) async throws
        -> Page<RequestPageView>
    {
        var ids = detail.history.compactMap(\.agentID) + detail.notes.compactMap(\.agentID)
        if let holder = detail.request.lock?.agentID { ids.append(holder) }
        var householdDocuments: [CitizenDocument] = []
        if detail.editable, let household = detail.request.householdID {
            householdDocuments = try await HouseholdService(database: service.database).documents(of: household)
        }
        var page = RequestPageView.page(
            signedIn: context.signedIn, detail: detail, names: try await names(ids),
            householdDocuments: householdDocuments, now: service.now(), error: error)
        let payments = try await PaymentService(database: service.database, provider: nil, origin: "")
            .payments(ofRequest: detail.request.id ?? 0)
        if !payments.isEmpty {
            page.content.payments = RequestPaymentsPanel(payments, teleservice: detail.teleservice.name)
            page.content.hasPayments = true
        }
        return page
    }

    /// "Prénom Nom" of the agents, by id.
    private func names(_ ids: [Int64]) async throws -> [Int64: String] {
        try await service.database.session { sql in try await AgentRepository(sql: sql).displayNames(ids) }
    }

    // MARK: - Contacting the citizen

    @Sendable package func contactPage(_ request: Request, context: Context) async throws -> Page<ContactView> {
        let detail = try await service.detail(try Self.id(context), for: context.signedIn.agent.id ?? 0)
        return ContactView.page(
            signedIn: context.signedIn, request: detail.request, channels: letters.channels,
            templates: try await letters.templates(for: context.signedIn.agent.id ?? 0), letter: nil,
            form: ContactView.Form(), error: nil)
    }

    @Sendable package func contact(_ request: Request, context: Context) async throws -> Response {
        let id = try Self.id(context)
        let agentID = context.signedIn.agent.id ?? 0
        let form = try await URLEncodedFormDecoder.backOffice(ContactView.Form.self, from: request, context: context)
        var letter: LettersService.Letter?
        var refusal: (error: FormError, status: HTTPResponse.Status)?
        do {
            letter = try await letters.contact(
                id, template: Int64(form.modele ?? "") ?? 0, channel: form.moyen ?? "",
                observation: form.message ?? "", by: agentID)
        } catch {
            guard
                let refused = FormError.refusal(
                    error, fields: ["Moyen de contact": "moyen"],
                    keeping: [.badRequest, .conflict, .forbidden])
            else { throw error }
            refusal = refused
        }
        let detail = try await service.detail(id, for: agentID)
        return try ContactView.page(
            signedIn: context.signedIn, request: detail.request, channels: letters.channels,
            templates: try await letters.templates(for: agentID), letter: letter, form: form, error: refusal?.error
        ).response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    /// The letter's query: the template, the channel and the message.
    package struct LetterQuery: Decodable, Sendable {
        package var modele: String?
        package var moyen: String?
        package var message: String?

        package init(modele: String? = nil, moyen: String? = nil, message: String? = nil) {
            self.modele = modele
            self.moyen = moyen
            self.message = message
        }
    }

    @Sendable package func letterPDF(_ request: Request, context: Context) async throws -> Response {
        let query = try URLEncodedFormDecoder.backOfficeQuery(LetterQuery.self, from: request)
        let letter = try await letters.compose(
            try Self.id(context), template: Int64(query.modele ?? "") ?? 0, channel: query.moyen ?? "",
            observation: query.message ?? "", by: context.signedIn.agent.id ?? 0)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf",
                .contentDisposition: "inline; filename=\"courrier-\(letter.number).pdf\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: letter.pdf)))
    }

    // MARK: - Templates

    @Sendable package func templates(_ request: Request, context: Context) async throws -> Page<LetterTemplatesView> {
        try await templatesPage(context, editing: nil, preview: nil, error: nil)
    }

    @Sendable package func template(_ request: Request, context: Context) async throws -> Page<LetterTemplatesView> {
        let template = try await letters.template(
            try context.parameters.require("template", as: Int64.self), for: context.signedIn.agent.id ?? 0)
        return try await templatesPage(context, editing: template, preview: nil, error: nil)
    }

    @Sendable package func saveTemplate(_ request: Request, context: Context) async throws -> Response {
        let form = try await URLEncodedFormDecoder.backOffice(
            LetterTemplatesView.Form.self, from: request, context: context)
        let template = LetterTemplate(
            id: form.id.criterion.flatMap { Int64($0) }, name: form.nom ?? "", body: form.texte ?? "")
        do {
            if form.action == "apercu" {
                let preview = try LetterText.render(template.body, values: Self.sampleValues)
                return try await templatesPage(context, editing: template, preview: preview, error: nil)
                    .response(from: request, context: context)
            }
            let saved = try await letters.save(template, by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(BackOffice.root)/modeles/\(saved.id ?? 0)", type: .normal)
        } catch {
            guard
                let refusal = FormError.refusal(
                    error, fields: LetterTemplatesView.fieldIDs, conflictField: "modele-nom")
            else { throw error }
            return try await templatesPage(context, editing: template, preview: nil, error: refusal.error)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    /// The values of the editor's preview: a made-up request.
    package static let sampleValues: [LetterVariable: String] = [
        .numeroDemande: "2027-000042", .libelleDemande: "Inscription scolaire", .dateCreation: "06/04/2027",
        .dateValidation: "12/04/2027", .observation: "Merci de fournir un justificatif de domicile récent.",
        .numeroFoyer: "17", .civiliteDemandeur: "Mme", .nomDemandeur: "Anne Legrand", .civiliteSujet: "M.",
        .nomSujet: "Léo Legrand", .adresseFoyer: "2 rue du Parc 95000 Cergy", .date: "13/04/2027",
    ]

    private func templatesPage(
        _ context: Context, editing: LetterTemplate?, preview: String?, error: FormError?
    ) async throws -> Page<LetterTemplatesView> {
        LetterTemplatesView.page(
            signedIn: context.signedIn, templates: try await letters.templates(for: context.signedIn.agent.id ?? 0),
            editing: editing, preview: preview,
            canEdit: try await letters.isManager(context.signedIn.agent.id ?? 0), error: error)
    }

    // MARK: - Tracking

    @Sendable package func trackingPage(_ request: Request, context: Context) async throws -> Response {
        let agentID = context.signedIn.agent.id ?? 0
        let query = try URLEncodedFormDecoder.backOfficeQuery(TrackingFilter.Query.self, from: request)
        var filter = TrackingFilter()
        var reports: [BackOfficeTracking.Report] = []
        var refusal: (error: FormError, status: HTTPResponse.Status)?
        do {
            filter = try TrackingFilter(query)
            for kind in BackOfficeTracking.Kind.allCases {
                reports.append(try await tracking.report(kind, for: agentID, filter: filter))
            }
        } catch {
            guard let refused = FormError.refusal(error, fields: TrackingFilter.fieldIDs) else { throw error }
            refusal = refused
        }
        let agentIDs = try await tracking.lastAgents(for: agentID)
        let names = try await names(agentIDs)
        let choices = TrackingView.Choices(
            categories: try await catalog.categories(for: agentID).map { $0.0 },
            teleservices: try await catalog.teleservices(for: agentID),
            agents: agentIDs.map { (id: $0, name: names[$0] ?? "agent n° \($0)") }.sorted { $0.name < $1.name })
        return try TrackingView.page(
            signedIn: context.signedIn, query: query, filter: filter, choices: choices, reports: reports,
            error: refusal?.error
        ).response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    /// A tracking table as CSV, narrowed by the page's filters (an invalid one answers 400).
    private func trackingCSV(_ kind: BackOfficeTracking.Kind, request: Request, context: Context) async throws
        -> Response
    {
        let filter = try TrackingFilter(
            try URLEncodedFormDecoder.backOfficeQuery(TrackingFilter.Query.self, from: request))
        let table = try await tracking.table(kind, for: context.signedIn.agent.id ?? 0, filter: filter)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: ContentDisposition.attachment.header(fileName: "suivi-\(kind.rawValue).csv"),
            ],
            body: .init(byteBuffer: ByteBuffer(string: table.csv)))
    }

    // MARK: - Helpers

    private static func id(_ context: Context) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }

    /// The search form's fields (empty ones left out), named as in the JSON API.
    package static func search(_ query: RequestSearchView.Query) throws(DomainError) -> RequestSearch {
        func number(_ value: String?, _ label: String) throws(DomainError) -> Int64? {
            guard let value = value.criterion else { return nil }
            guard let number = Int64(value) else { throw .invalidField(field: label, reason: "saisissez un nombre.") }
            return number
        }
        func day(_ value: String?, _ label: String) throws(DomainError) -> CivilDate? {
            guard let value = value.criterion else { return nil }
            guard let day = CivilDate(iso: value) else {
                throw .invalidField(field: label, reason: "saisissez une date.")
            }
            return day
        }
        return RequestSearch(
            requester: query.demandeur.criterion, subject: query.concerne.criterion, number: query.numero.criterion,
            householdID: try number(query.foyer, "N° de foyer"), from: try day(query.du, "Déposée du"),
            to: try day(query.au, "Déposée au"), categoryID: try number(query.categorie, "Catégorie"),
            teleserviceID: try number(query.teleservice, "Téléservice"),
            state: query.etat.criterion.flatMap(RequestState.init(rawValue:)),
            lastAgentID: try number(query.agent, "Dernier agent"),
            quality: query.qualite.criterion.flatMap(QualityLevel.init(rawValue:)),
            sort: query.tri.criterion.flatMap(RequestSearch.Sort.init(rawValue:)) ?? .newest,
            limit: RequestSearch.maximumLimit)
    }
}

extension RequestHistoryEntry {
    /// The agent who made the change, if an agent did.
    package var agentID: Int64? {
        if case .agent(let id) = author { return id }
        return nil
    }
}
