import Foundation
import Hummingbird

/// « Support » (issue 19 item 7, seed 000 §5) for signed-in agents: the dashboard and search
/// (`GET /espace-agent/support`), « Créer un ticket » (`…/nouveau`), a ticket's page (`…/tickets/:id`) with its
/// reply (`…/reponse`) and state forms (`…/etat`: `action=fermer|rouvrir`, or a platform administrator's `etat`),
/// its files (`…/pieces/:file`, downloaded) and their upload (`POST /api/support/tickets/:id/pieces?nom=…`, the
/// file as the body, sent by `Sceau.sendFile`).
package struct SupportController: Sendable {
    package let service: SupportService

    package init(service: SupportService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/support", context: AgentRequestContext.self)
        pages.get(use: dashboard)
        pages.get("nouveau", use: newTicket)
        pages.post("nouveau", use: create)
        pages.get("tickets/:id", use: show)
        pages.post("tickets/:id/reponse", use: reply)
        pages.post("tickets/:id/etat", use: change)
        pages.get("tickets/:id/pieces/:file", use: download)
        router.group("api/support/tickets", context: AgentRequestContext.self).post(":id/pieces", use: upload)
    }

    private static let home = Breadcrumb("Espace agent", "/espace-agent")
    private static let support = Breadcrumb("Support", "/espace-agent/support")

    private func viewer(_ context: AgentRequestContext) async throws -> SupportViewer {
        try await service.viewer(context.signedIn.agent, authority: context.signedIn.authority)
    }

    // MARK: - Dashboard

    @Sendable func dashboard(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let viewer = try await viewer(context)
        let query = request.uri.queryParameters
        var fields = SupportDashboardView.Fields()
        fields.number = query.get("numero") ?? ""
        fields.category = query.get("type") ?? ""
        fields.state = query.get("etat") ?? ""
        fields.subject = query.get("sujet") ?? ""
        fields.contact = query.get("contact") ?? ""
        fields.openedFrom = query.get("du") ?? ""
        fields.openedTo = query.get("au") ?? ""
        var refusal: FormRefusal?
        var search = SupportSearch()
        do {
            search = try Self.search(fields)
        } catch {
            refusal = FormRefusal(error)
        }
        let (all, found) = try await service.tickets(for: viewer, matching: search)
        let searched = [
            fields.number, fields.category, fields.state, fields.subject, fields.contact, fields.openedFrom,
            fields.openedTo,
        ].contains { !$0.isEmpty }
        let title =
            searched
            ? "\(found.count) ticket\(found.count > 1 ? "s" : "") trouvé\(found.count > 1 ? "s" : "")"
            : viewer.isPlatformAdministrator ? "Tous les tickets" : "Vos tickets"
        return try Page(
            "support/dashboard", title: "Support", audience: .agent, section: .support,
            breadcrumbs: [Self.home, Breadcrumb("Support")], user: context.signedIn.banner,
            content: SupportDashboardView(
                all: all, found: refusal == nil ? found : [], viewer: viewer, fields: fields, resultsTitle: title,
                error: refusal)
        ).response(status: refusal == nil ? .ok : .badRequest, from: request, context: context)
    }

    /// The search the form's fields ask for.
    static func search(_ fields: SupportDashboardView.Fields) throws(DomainError) -> SupportSearch {
        var search = SupportSearch()
        let number = fields.number.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "#", with: "")
        if !number.isEmpty {
            guard let value = Int64(number), value > 0 else {
                throw .invalidField(field: "n°", reason: "Saisissez le numéro du ticket en chiffres (exemple : 12).")
            }
            search.number = value
        }
        search.category = SupportCategory(rawValue: fields.category)
        switch fields.state {
        case "ouverts": search.openOnly = true
        case "fermes": search.openOnly = false
        default: search.state = SupportState(rawValue: fields.state)
        }
        search.subject = fields.subject.trimmingCharacters(in: .whitespaces)
        search.contact = fields.contact.trimmingCharacters(in: .whitespaces)
        if !fields.openedFrom.isEmpty { search.openedFrom = try day(fields.openedFrom, field: "du") }
        if !fields.openedTo.isEmpty { search.openedBefore = try day(fields.openedTo, field: "au") + 86_400 }
        return search
    }

    /// The start of a day typed `aaaa-mm-jj` or `jj/mm/aaaa`, Paris time.
    private static func day(_ text: String, field: String) throws(DomainError) -> Int64 {
        do {
            return try ParisTime.parse(text.trimmingCharacters(in: .whitespaces) + " 00:00", field: field)
        } catch {
            throw .invalidField(field: field, reason: "Saisissez une date sous la forme jj/mm/aaaa.")
        }
    }

    // MARK: - New ticket

    @Sendable func newTicket(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agent = context.signedIn.agent
        let draft = SupportDraft(category: nil, subject: "", body: "", contactEmail: agent.email, contactPhone: "")
        return try await newTicketPage(draft, error: nil, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let draft = SupportDraft(
            category: SupportCategory(rawValue: form["type"] ?? ""), subject: form["sujet"] ?? "",
            body: form["message"] ?? "", contactEmail: form["email"] ?? "", contactPhone: form["telephone"] ?? "")
        do {
            let ticket = try await service.open(draft, by: context.signedIn.agent)
            return .redirect(to: "/espace-agent/support/tickets/\(ticket.id ?? 0)?cree=1", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await newTicketPage(draft, error: error, request: request, context: context)
        }
    }

    private func newTicketPage(
        _ draft: SupportDraft, error: DomainError?, request: Request, context: AgentRequestContext
    ) async throws -> Response {
        let agent = context.signedIn.agent
        let organisation = try await service.organisationName(agent.organisationID)
        return try Page(
            "support/new", title: "Créer un ticket", audience: .agent, section: .support,
            breadcrumbs: [Self.home, Self.support, Breadcrumb("Créer un ticket")], user: context.signedIn.banner,
            content: SupportNewTicketView(
                csrfToken: context.signedIn.csrfToken, organisation: organisation, agent: agent, draft: draft,
                error: error)
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    // MARK: - A ticket

    @Sendable func show(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let done = query.get("fait") ?? (query.get("cree") != nil ? "cree" : query.get("joint") != nil ? "joint" : "")
        let notice: String? =
            switch done {
            case "cree":
                "Le ticket est créé ; un e-mail de confirmation part à l'adresse de suivi. Joignez vos fichiers ci-dessous si besoin."
            case "joint": "Le fichier est joint au ticket."
            case "reponse": "Votre message est envoyé."
            case "etat": "L'état du ticket est changé."
            default: nil
            }
        return try await ticketPage(
            try context.parameters.require("id", as: Int64.self), message: "", notice: notice, error: nil,
            request: request, context: context)
    }

    @Sendable func reply(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let viewer = try await viewer(context)
        do {
            try await service.reply(
                id, body: form["message"] ?? "", state: form["etat"].flatMap(SupportState.init(rawValue:)),
                by: viewer)
            return .redirect(to: "/espace-agent/support/tickets/\(id)?fait=reponse#conversation", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await ticketPage(
                id, message: form["message"] ?? "", notice: nil, error: error, request: request, context: context)
        }
    }

    @Sendable func change(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let change: SupportService.Change
        switch form["action"] {
        case "fermer": change = .close
        case "rouvrir": change = .reopen
        default:
            guard let state = form["etat"].flatMap(SupportState.init(rawValue:)) else {
                throw DomainError.invalidField(field: "état", reason: "Choisissez le nouvel état du ticket.")
            }
            change = .set(state)
        }
        let viewer = try await viewer(context)
        do {
            try await service.change(id, change, by: viewer)
            return .redirect(to: "/espace-agent/support/tickets/\(id)?fait=etat", type: .normal)
        } catch let error as DomainError where error.status == .conflict {
            return try await ticketPage(id, message: "", notice: nil, error: error, request: request, context: context)
        }
    }

    private func ticketPage(
        _ id: Int64, message: String, notice: String?, error: DomainError?, request: Request,
        context: AgentRequestContext
    ) async throws -> Response {
        let viewer = try await viewer(context)
        let file = try await service.ticket(id, for: viewer)
        return try Page(
            "support/ticket", title: "Ticket n° \(id)", audience: .agent, section: .support,
            breadcrumbs: [Self.home, Self.support, Breadcrumb("Ticket n° \(id)")], user: context.signedIn.banner,
            content: SupportTicketView(
                file, viewer: viewer, csrfToken: context.signedIn.csrfToken, message: message, notice: notice,
                error: error)
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    // MARK: - Files

    /// What the upload answers (201).
    package struct UploadedFile: ResponseEncodable, Sendable {
        package let id: Int64
        package let name: String
        package let size: Int64
        package let sha256: String
    }

    @Sendable func upload(_ request: Request, context: AgentRequestContext) async throws
        -> EditedResponse<UploadedFile>
    {
        let file = try await service.attach(
            request.body, name: request.uri.queryParameters.get("nom") ?? "",
            announcedSize: request.headers[.contentLength].flatMap { Int64($0) },
            to: try context.parameters.require("id", as: Int64.self), by: try await viewer(context))
        return EditedResponse(
            status: .created,
            response: UploadedFile(id: file.id ?? 0, name: file.name, size: file.size, sha256: file.sha256))
    }

    @Sendable func download(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let (file, slice) = try await service.attachment(
            try context.parameters.require("file", as: Int64.self),
            of: try context.parameters.require("id", as: Int64.self), for: try await viewer(context))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream", .contentLength: String(slice.count),
                .contentDisposition: ContentDisposition.attachment.header(fileName: file.name),
            ],
            body: ResponseBody(asyncSequence: slice))
    }
}
