import Foundation
import Hummingbird
import PlatformKernel

/// Contracts and their essential data.
/// - Agents: `GET|POST /consultations/:id/contrats` (the consultation's contracts and the form recording one),
///   `GET /espace-agent/contrats` (« Suivi des contrats »), `GET /espace-agent/contrats/:id`,
///   `POST /espace-agent/contrats/:id/publication`, `POST /espace-agent/contrats/:id/modifications`.
/// - Public: `GET /donnees-essentielles` (search), `GET /donnees-essentielles/decp.json` and `…/decp.xml` (every
///   published contract in the DECP 2.0 format, streamed page by page). See docs/openapi.yaml.
package struct ContractController: Sendable {
    package let service: ContractService

    package init(service: ContractService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let consultations = router.group("consultations", context: AgentRequestContext.self)
        consultations.get(":id/contrats", use: consultationContracts)
        consultations.post(":id/contrats", use: create)
        let agents = router.group("espace-agent/contrats", context: AgentRequestContext.self)
        agents.get(use: followUp)
        agents.get(":contract", use: show)
        agents.post(":contract/publication", use: publish)
        agents.post(":contract/modifications", use: modify)
        router.get("donnees-essentielles", use: search)
        router.get("donnees-essentielles/decp.json", use: json)
        router.get("donnees-essentielles/decp.xml", use: xml)
    }

    // MARK: - Agents

    @Sendable package func consultationContracts(_ request: Request, context: AgentRequestContext) async throws
        -> Response
    {
        let id = try context.parameters.require("id", as: Int64.self)
        let file = try await service.consultationContracts(id, for: context.signedIn.authority)
        let view = ContractFormView(
            file: file, draft: ContractDraft(defaultsFor: file, agent: context.signedIn.agent),
            csrfToken: context.signedIn.csrfToken, refusal: nil)
        return try ContractFormView.page(view, signedIn: context.signedIn).response(from: request, context: context)
    }

    /// Records the contract; a refused form comes back with the reason beside its field and what was typed.
    @Sendable package func create(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let draft = ContractDraft(form: try await Self.form(request, context))
        do {
            let contract = try await service.create(draft, consultationID: id, by: context.signedIn.authority)
            return .redirect(to: "/espace-agent/contrats/\(contract.id ?? 0)", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            let file = try await service.consultationContracts(id, for: context.signedIn.authority)
            let view = ContractFormView(
                file: file, draft: draft, csrfToken: context.signedIn.csrfToken, refusal: FormRefusal(error))
            return try ContractFormView.page(view, signedIn: context.signedIn)
                .response(status: error.status, from: request, context: context)
        }
    }

    @Sendable package func followUp(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let contracts = try await service.followUp(for: context.signedIn.authority)
        return try ContractListView.page(ContractListView(contracts: contracts), signedIn: context.signedIn)
            .response(from: request, context: context)
    }

    @Sendable package func show(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try await contractPage(request, context, draft: ModificationDraft(), refusal: nil)
    }

    @Sendable package func publish(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("contract", as: Int64.self)
        _ = try await Self.form(request, context)
        do {
            _ = try await service.publish(id, by: context.signedIn.authority)
        } catch let error as DomainError where error.status != .notFound {
            return try await contractPage(request, context, draft: ModificationDraft(), refusal: error)
        }
        return .redirect(to: "/espace-agent/contrats/\(id)", type: .normal)
    }

    @Sendable package func modify(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("contract", as: Int64.self)
        let draft = ModificationDraft(form: try await Self.form(request, context))
        do {
            _ = try await service.modify(draft, contract: id, by: context.signedIn.authority)
        } catch let error as DomainError where error.status != .notFound {
            return try await contractPage(request, context, draft: draft, refusal: error)
        }
        return .redirect(to: "/espace-agent/contrats/\(id)#modifications", type: .normal)
    }

    private func contractPage(
        _ request: Request, _ context: AgentRequestContext, draft: ModificationDraft, refusal: DomainError?
    ) async throws -> Response {
        let id = try context.parameters.require("contract", as: Int64.self)
        let file = try await service.show(id, for: context.signedIn.authority)
        let view = ContractView(
            file: file, draft: draft, today: CalendarDay(seconds: service.clock()),
            csrfToken: context.signedIn.csrfToken, refusal: refusal.map(FormRefusal.init))
        return try ContractView.page(view, signedIn: context.signedIn)
            .response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    private static func form(_ request: Request, _ context: AgentRequestContext) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    // MARK: - Public

    @Sendable package func search(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in FormFields(request.uri.query ?? "").pairs where query[key] == nil { query[key] = value }
        var search = ContractSearch()
        var refusal: DomainError?
        do {
            search = try ContractSearch(query: query)
        } catch {
            refusal = error
        }
        let contracts = refusal == nil ? try await service.search(search) : []
        let view = EssentialDataView(
            query: query, search: search, contracts: contracts, refusal: refusal.map(FormRefusal.init))
        return try EssentialDataView.page(view)
            .response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    /// `{"marches": {"marche": [ … ]}}`, each record as the DECP 2.0 JSON schema names it.
    @Sendable package func json(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let service = service
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: ContentDisposition.inline.header(fileName: "decp.json"),
            ],
            body: ResponseBody { writer in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes]
                try await writer.write(ByteBuffer(string: #"{"marches":{"marche":["#))
                var first = true
                var after: Int64? = 0
                while let cursor = after {
                    let page = try await service.exportPage(after: cursor)
                    for record in page.records {
                        if !first { try await writer.write(ByteBuffer(string: ",")) }
                        first = false
                        try await writer.write(ByteBuffer(data: try encoder.encode(record)))
                    }
                    after = page.last
                }
                try await writer.write(ByteBuffer(string: "]}}"))
                try await writer.finish(nil)
            })
    }

    /// `<marches><marche>…</marche></marches>`, the same records in the DECP 2.0 XML.
    @Sendable package func xml(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let service = service
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/xml; charset=utf-8",
                .contentDisposition: ContentDisposition.inline.header(fileName: "decp.xml"),
            ],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<marches>"))
                var after: Int64? = 0
                while let cursor = after {
                    let page = try await service.exportPage(after: cursor)
                    for record in page.records { try await writer.write(ByteBuffer(string: record.xml)) }
                    after = page.last
                }
                try await writer.write(ByteBuffer(string: "</marches>\n"))
                try await writer.finish(nil)
            })
    }
}
