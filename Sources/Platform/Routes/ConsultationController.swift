import Foundation
import Hummingbird

/// Consultations as JSON (`/api/consultations…`) and as the French pages `/consultations…`.
/// Every right is checked by ``ConsultationService``; pages without a session send the browser to "Connexion".
struct ConsultationController: Sendable {
    let service: ConsultationService
    /// The remote jobs, for the "Plis" section of the page (opening right, after the deadline).
    var jobs: RemoteJobService?
    var assistantPort = PlatformConfiguration.defaultAssistantPort

    /// The API path and page path of each state change with a plain comment.
    private static let transitions: [(api: String, page: String, transition: ConsultationTransition)] = [
        ("submit", "demander-validation", .submit),
        ("refuse", "refuser", .returnToElaboration),
        ("validate", "valider", .validate),
        ("open", "ouvrir", .open),
    ]

    func register(on router: Router<PlatformRequestContext>) {
        registerAPI(on: router)
        registerPages(on: router)
    }

    // MARK: - JSON

    private func registerAPI(on router: Router<PlatformRequestContext>) {
        let api = router.group("api")
        api.get("consultations") { _, context in
            try await service.list(for: try context.requireAgent().authority).map(APIModels.ConsultationView.init)
        }
        api.post("consultations") { request, context in
            let actor = try context.requireAgent().authority
            let body = try await request.decode(as: APIModels.ConsultationInput.self, context: context)
            let created = try await service.create(body.draft, by: actor)
            return EditedResponse(status: .created, response: APIModels.ConsultationView(created))
        }
        api.get("consultations/:id") { _, context in
            APIModels.ConsultationDetail(
                try await service.show(
                    try context.parameters.require("id", as: Int64.self), for: try context.requireAgent().authority))
        }
        api.put("consultations/:id") { request, context in
            let actor = try context.requireAgent().authority
            let body = try await request.decode(as: APIModels.ConsultationInput.self, context: context)
            return APIModels.ConsultationView(
                try await service.update(
                    try context.parameters.require("id", as: Int64.self), with: body.draft, by: actor))
        }
        api.get("consultations/:id/history") { _, context in
            try await service.history(
                of: try context.parameters.require("id", as: Int64.self), for: try context.requireAgent().authority
            ).map(APIModels.StateChangeView.init)
        }
        for (path, _, transition) in Self.transitions {
            api.post("consultations/:id/\(path)") { request, context in
                let actor = try context.requireAgent().authority
                let body = try await Self.optionalJSON(APIModels.TransitionInput.self, request, context)
                return APIModels.ConsultationView(
                    try await service.apply(
                        transition, to: try context.parameters.require("id", as: Int64.self), by: actor,
                        comment: body?.comment ?? ""))
            }
        }
        api.post("consultations/:id/reset-decision") { request, context in
            let actor = try context.requireAgent().authority
            let body = try await Self.optionalJSON(APIModels.TransitionInput.self, request, context)
            return APIModels.ConsultationView(
                try await service.apply(
                    .resetDecision(lot: body?.lot), to: try context.parameters.require("id", as: Int64.self), by: actor,
                    comment: body?.comment ?? ""))
        }
        api.post("consultations/:id/decide") { request, context in
            let actor = try context.requireAgent().authority
            let body = try await request.decode(as: APIModels.DecisionInput.self, context: context)
            return APIModels.ConsultationView(
                try await service.apply(
                    .decide(body.decisions), to: try context.parameters.require("id", as: Int64.self), by: actor,
                    comment: body.comment ?? ""))
        }
        api.post("consultations/:id/suite") { request, context in
            let actor = try context.requireAgent().authority
            let body = try await request.decode(as: APIModels.SuiteInput.self, context: context)
            let suite = try await service.createSuite(
                of: try context.parameters.require("id", as: Int64.self), reference: body.reference, by: actor)
            return EditedResponse(status: .created, response: APIModels.ConsultationView(suite))
        }
    }

    /// A JSON body that may be absent: `nil` for an empty body.
    private static func optionalJSON<T: Decodable>(
        _ type: T.Type, _ request: Request, _ context: PlatformRequestContext
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

    private func registerPages(on router: Router<PlatformRequestContext>) {
        router.get("consultations") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let consultations = try await service.list(for: signedIn.authority)
            let services = try await service.creationServices(for: signedIn.authority)
            return try HTML(ConsultationListPage(consultations: consultations, canCreate: !services.isEmpty).render())
                .response(from: request, context: context)
        }
        // Refusals of the pages below come back as French pages, with the status of the API.
        let pages = router.group("consultations")
        pages.get("nouvelle") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let mode: ConsultationCreationMode =
                request.uri.queryParameters.get("mode") == ConsultationCreationMode.simplified.rawValue
                ? .simplified : .standard
            return try await formPage(
                signedIn, fields: .blank(mode), error: nil, status: .ok, request: request, context: context)
        }
        pages.post("nouvelle") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let fields = ConsultationFormFields(try await FormFields.read(request, context: context))
            do {
                let created = try await service.create(try fields.draft(), by: signedIn.authority)
                return .redirect(to: "/consultations/\(created.id ?? 0)", type: .normal)
            } catch let error as DomainError {
                return try await formPage(
                    signedIn, fields: fields, error: error.description, status: error.status,
                    request: request, context: context)
            }
        }
        pages.get(":id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try context.parameters.require("id", as: Int64.self)
            return try await consultationPage(signedIn, id, error: nil, status: .ok, request: request, context: context)
        }
        pages.get(":id/modifier") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let file = try await service.show(
                try context.parameters.require("id", as: Int64.self), for: signedIn.authority)
            return try HTML(
                ConsultationFormPage(
                    csrfToken: signedIn.csrfToken, services: [], fields: ConsultationFormFields(file.consultation),
                    error: nil, consultationID: file.consultation.id,
                    invitable: try await service.invitableAgents(for: signedIn.authority)
                ).render()
            ).response(from: request, context: context)
        }
        pages.post(":id/modifier") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try context.parameters.require("id", as: Int64.self)
            let fields = ConsultationFormFields(try await FormFields.read(request, context: context))
            do {
                _ = try await service.update(id, with: try fields.draft(), by: signedIn.authority)
                return .redirect(to: "/consultations/\(id)", type: .normal)
            } catch let error as DomainError where error.status != .notFound {
                var response = try HTML(
                    ConsultationFormPage(
                        csrfToken: signedIn.csrfToken, services: [], fields: fields, error: error.description,
                        consultationID: id, invitable: try await service.invitableAgents(for: signedIn.authority)
                    ).render()
                ).response(from: request, context: context)
                response.status = error.status
                return response
            }
        }
        for (_, path, transition) in Self.transitions {
            pages.post(":id/\(path)") { request, context -> Response in
                guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
                let form = try await Self.formFields(request, context)
                return try await pageAction(signedIn, request: request, context: context) { id in
                    _ = try await service.apply(
                        transition, to: id, by: signedIn.authority, comment: form["comment"] ?? "")
                    return id
                }
            }
        }
        pages.post(":id/reinitialiser-decision") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await Self.formFields(request, context)
            return try await pageAction(signedIn, request: request, context: context) { id in
                let lot = form["lot"].flatMap { Int($0) }
                _ = try await service.apply(
                    .resetDecision(lot: lot), to: id, by: signedIn.authority, comment: form["comment"] ?? "")
                return id
            }
        }
        pages.post(":id/decider") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await Self.formFields(request, context)
            return try await pageAction(signedIn, request: request, context: context) { id in
                try await service.apply(.decide(try Self.decisions(form)), to: id, by: signedIn.authority)
                return id
            }
        }
        pages.post(":id/creer-suite") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await Self.formFields(request, context)
            return try await pageAction(signedIn, request: request, context: context) { id in
                try await service.createSuite(of: id, reference: form["reference"] ?? "", by: signedIn.authority).id
                    ?? id
            }
        }
    }

    /// Runs a page's action on consultation `:id`, then shows the consultation it names; a refusal shows the
    /// consultation with the reason, except "not found", which stays a 404.
    private func pageAction(
        _ signedIn: SignedInAgent, request: Request, context: PlatformRequestContext,
        _ action: (Int64) async throws -> Int64
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let target = try await action(id)
            return .redirect(to: "/consultations/\(target)", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await consultationPage(
                signedIn, id, error: error.description, status: error.status,
                request: request, context: context)
        }
    }

    private func consultationPage(
        _ signedIn: SignedInAgent, _ id: Int64, error: String?, status: HTTPResponse.Status, request: Request,
        context: PlatformRequestContext
    ) async throws -> Response {
        let file = try await service.show(id, for: signedIn.authority)
        let plis = try await jobs?.openablePlis(of: id, by: signedIn.authority)
        var response = try HTML(
            ConsultationPage(
                csrfToken: signedIn.csrfToken, file: file, error: error, plis: plis, assistantPort: assistantPort
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }

    private func formPage(
        _ signedIn: SignedInAgent, fields: ConsultationFormFields, error: String?, status: HTTPResponse.Status,
        request: Request, context: PlatformRequestContext
    ) async throws -> Response {
        let services = try await service.creationServices(for: signedIn.authority)
        guard !services.isEmpty else {
            throw DomainError.forbidden(
                reason: "Vous n'avez le droit de créer une consultation dans aucun service : "
                    + "il faut un rôle d'acheteur (ou PRM).")
        }
        var response = try HTML(
            ConsultationFormPage(
                csrfToken: signedIn.csrfToken, services: services, fields: fields, error: error, consultationID: nil,
                invitable: try await service.invitableAgents(for: signedIn.authority)
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }

    /// The fields of a small URL-encoded form, by name.
    private static func formFields(_ request: Request, _ context: PlatformRequestContext) async throws
        -> [String: String]
    {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first else { continue }
            fields[decode(name)] = parts.count == 2 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// The decisions of the decision form: `kind` and `comment` for an undivided consultation, `kindN` and
    /// `commentN` for lot N.
    private static func decisions(_ form: [String: String]) throws(DomainError) -> [ConsultationDecision] {
        var decisions: [ConsultationDecision] = []
        for (name, value) in form where name.hasPrefix("kind") {
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
