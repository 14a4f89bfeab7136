import Foundation
import HTTPTypes
import Hummingbird
import PlatformKernel

/// The « messagerie sécurisée » routes: the agents' pages under `/consultations/:id/messagerie…` and JSON
/// under `/api/consultations/:id/messages…`; the companies' pages under `/entreprise/messages…` and JSON
/// under `/api/entreprise/messages…`. Files are uploaded one by one as the request body (`?nom=…`), before
/// the message or reply that joins them is sent (`Static/message-attachment.js`).
package struct MessagingController: Sendable {
    package let service: MessagingService

    package init(service: MessagingService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let agentPages = router.group("consultations", context: AgentRequestContext.self)
        agentPages.get(":id/messagerie/nouveau", use: composeForm)
        agentPages.post(":id/messagerie/nouveau", use: send)
        agentPages.get(":id/messagerie/courriers/:message", use: agentMessage)
        agentPages.get(":id/messagerie/pieces/:file", use: agentFile)
        let agentAPI = router.group("api/consultations", context: AgentRequestContext.self)
        agentAPI.get(":id/messages", use: listJSON)
        agentAPI.post(":id/messages", use: sendJSON)
        agentAPI.post(":id/messages/pieces", use: agentUpload)
        agentAPI.get(":id/registres/messages.csv", use: csv)
        let bidderPages = router.group("entreprise", context: BidderRequestContext.self)
        bidderPages.get("messages", use: inbox)
        bidderPages.get("messages/:id", use: bidderMessage)
        bidderPages.post("messages/:id/reponse", use: reply)
        bidderPages.get("messages/:id/pieces/:file", use: bidderFile)
        let bidderAPI = router.group("api/entreprise", context: BidderRequestContext.self)
        bidderAPI.get("messages", use: inboxJSON)
        bidderAPI.post("messages/:id/pieces", use: bidderUpload)
    }

    // MARK: - JSON models

    /// A message as the API gives it.
    package struct MessageView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let consultationId: Int64
        package let reference: String
        package let companyId: Int64
        package let companyName: String
        package let kind: BidderMessage.Kind
        package let kindLabel: String
        package let subject: String
        package let body: String
        package let withReceipt: Bool
        package let replyAllowed: Bool
        package let replyDeadline: Int64?
        package let sentAt: Int64
        package let readAt: Int64?
        package let replies: Int
        package let files: [FileView]

        package init(_ file: MessageFile) {
            let message = file.message
            id = message.id ?? 0
            consultationId = message.consultationID
            reference = file.consultation.reference.value
            companyId = message.companyID
            companyName = file.companyName
            kind = message.kind
            kindLabel = message.kind.label
            subject = message.subject
            body = message.body
            withReceipt = message.withReceipt
            replyAllowed = message.replyAllowed
            replyDeadline = message.replyDeadline
            sentAt = message.sentAt
            readAt = message.readAt
            replies = file.replies.count
            files = file.files.map(FileView.init)
        }
    }

    package struct FileView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let name: String
        package let size: Int64
        package let sha256: String

        package init(_ file: MessageAttachment) {
            id = file.id ?? 0
            name = file.name
            size = file.size
            sha256 = file.sha256
        }
    }

    /// `POST /api/consultations/:id/messages`.
    package struct MessageInput: Codable, Sendable {
        package var kind: BidderMessage.Kind
        package var companyIds: [Int64]
        package var subject: String
        package var body: String
        package var withReceipt: Bool?
        package var replyAllowed: Bool?
        package var replyDeadline: Int64?
        package var attachmentIds: [Int64]?
    }

    package struct SentView: Codable, Sendable, ResponseEncodable {
        package let ids: [Int64]
    }

    // MARK: - Agents

    @Sendable package func composeForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let query = request.uri.queryParameters
        let kind = query.get("type").flatMap(BidderMessage.Kind.init(rawValue:)) ?? .free
        let chosen = Set(query.getAll("destinataire").compactMap { Int64($0) })
        return try await composePage(
            id, fields: .init(kind: kind, companyIDs: chosen), error: nil, request: request, context: context)
    }

    @Sendable package func send(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let fields = MessageComposeView.Fields(form)
        do {
            var deadline: Int64?
            if fields.replyAllowed && !fields.replyDeadline.trimmingCharacters(in: .whitespaces).isEmpty {
                deadline = try ParisTime.parse(fields.replyDeadline, field: "date limite de réponse")
            }
            try await service.send(
                MessageDraft(
                    kind: fields.kind, companyIDs: fields.companyIDs, subject: fields.subject, body: fields.body,
                    withReceipt: fields.withReceipt, replyAllowed: fields.replyAllowed, replyDeadline: deadline,
                    attachmentIDs: form.all("piece").compactMap { Int64($0) }),
                from: id, by: context.signedIn.authority)
            return .redirect(to: "/consultations/\(id)?envoye=1#messagerie", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await composePage(id, fields: fields, error: error, request: request, context: context)
        }
    }

    private func composePage(
        _ id: Int64, fields: MessageComposeView.Fields, error: DomainError?, request: Request,
        context: AgentRequestContext
    ) async throws -> Response {
        let authority = context.signedIn.authority
        let recipients = try await service.recipients(of: id, by: authority)
        let consultation = try await ConsultationService.mappingErrors {
            try await service.database.session { sql in
                try await ConsultationService.access(id, for: authority, sql: sql).consultation
            }
        }
        let view = MessageComposeView(
            consultation: consultation, recipients: recipients, fields: fields,
            csrfToken: context.signedIn.csrfToken, error: error)
        let name = "Consultation \(consultation.reference.value)"
        return try Page(
            "messaging/compose", title: "Nouveau message", audience: .agent, section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(name, "/consultations/\(id)"), Breadcrumb("Nouveau message"),
            ],
            user: context.signedIn.banner, scripts: ["/static/message-attachment.js"], content: view
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    @Sendable package func agentMessage(_ request: Request, context: AgentRequestContext) async throws -> Page<
        MessageShowView
    > {
        let id = try context.parameters.require("id", as: Int64.self)
        let file = try await service.message(
            try context.parameters.require("message", as: Int64.self), of: id, by: context.signedIn.authority)
        let view = MessageShowView(
            file, isAgent: true, filePath: { "/consultations/\(id)/messagerie/pieces/\($0)" }, canReply: false,
            csrfToken: context.signedIn.csrfToken)
        let name = "Consultation \(file.consultation.reference.value)"
        return Page(
            "messaging/message", title: file.message.subject, audience: .agent, section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(name, "/consultations/\(id)#messagerie"), Breadcrumb("Courrier"),
            ],
            user: context.signedIn.banner, content: view)
    }

    @Sendable package func agentFile(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let file = try await service.attachment(
            try context.parameters.require("file", as: Int64.self),
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return try await download(file)
    }

    @Sendable package func agentUpload(_ request: Request, context: AgentRequestContext) async throws
        -> EditedResponse<FileView>
    {
        let stored = try await service.upload(
            request.body, name: request.uri.queryParameters.get("nom") ?? "",
            announcedSize: request.headers[.contentLength].flatMap { Int64($0) },
            to: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return EditedResponse(status: .created, response: FileView(stored))
    }

    @Sendable package func listJSON(_ request: Request, context: AgentRequestContext) async throws -> [MessageView] {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let files = try await service.exchanges(of: id, by: context.signedIn.authority) else {
            throw DomainError.forbidden(
                reason: "Votre rôle ne permet pas cette action sur cette consultation (consulter les registres).")
        }
        return files.map(MessageView.init)
    }

    @Sendable package func sendJSON(_ request: Request, context: AgentRequestContext) async throws
        -> EditedResponse<SentView>
    {
        let body = try await request.decode(as: MessageInput.self, context: context)
        let sent = try await service.send(
            MessageDraft(
                kind: body.kind, companyIDs: Set(body.companyIds), subject: body.subject, body: body.body,
                withReceipt: body.withReceipt ?? true, replyAllowed: body.replyAllowed ?? false,
                replyDeadline: body.replyDeadline, attachmentIDs: body.attachmentIds ?? []),
            from: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return EditedResponse(status: .created, response: SentView(ids: sent.compactMap(\.id)))
    }

    @Sendable package func csv(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let text = try await service.csv(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"registre-messagerie.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Companies

    @Sendable package func inbox(_ request: Request, context: BidderRequestContext) async throws -> Page<
        MessageInboxView
    > {
        let files = try await service.inbox(of: context.signedIn)
        return Page(
            "messaging/inbox", title: "Messagerie", audience: .company, section: .companySpace,
            breadcrumbs: [
                Breadcrumb("Accueil", "/"), Breadcrumb("Espace entreprise", "/entreprise"), Breadcrumb("Messagerie"),
            ],
            user: context.signedIn.banner, content: MessageInboxView(files))
    }

    @Sendable package func inboxJSON(_ request: Request, context: BidderRequestContext) async throws
        -> [MessageView]
    {
        try await service.inbox(of: context.signedIn).map(MessageView.init)
    }

    @Sendable package func bidderMessage(_ request: Request, context: BidderRequestContext) async throws -> Response {
        let file = try await service.read(try context.parameters.require("id", as: Int64.self), by: context.signedIn)
        return try bidderPage(file, error: nil, typed: "", request: request, context: context)
    }

    /// « Répondre »: the text and the files uploaded beforehand (`piece`).
    @Sendable package func reply(_ request: Request, context: BidderRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let text = form["reponse"] ?? ""
        do {
            try await service.reply(
                to: id, body: text, attachmentIDs: form.all("piece").compactMap { Int64($0) }, by: context.signedIn)
            return .redirect(to: "/entreprise/messages/\(id)", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            let file = try await service.read(id, by: context.signedIn)
            return try bidderPage(file, error: error, typed: text, request: request, context: context)
        }
    }

    private func bidderPage(
        _ file: MessageFile, error: DomainError?, typed: String, request: Request, context: BidderRequestContext
    ) throws -> Response {
        let id = file.message.id ?? 0
        let view = MessageShowView(
            file, isAgent: false, filePath: { "/entreprise/messages/\(id)/pieces/\($0)" },
            canReply: MessagingRules.mayReply(to: file.message, at: service.clock()),
            csrfToken: context.signedIn.csrfToken, error: error, typedReply: typed)
        return try Page(
            "messaging/message", title: file.message.subject, audience: .company, section: .companySpace,
            breadcrumbs: [
                Breadcrumb("Accueil", "/"), Breadcrumb("Espace entreprise", "/entreprise"),
                Breadcrumb("Messagerie", "/entreprise/messages"), Breadcrumb("Courrier"),
            ],
            user: context.signedIn.banner, scripts: ["/static/message-attachment.js"], content: view
        ).response(status: error?.status ?? .ok, from: request, context: context)
    }

    @Sendable package func bidderFile(_ request: Request, context: BidderRequestContext) async throws -> Response {
        let file = try await service.attachment(
            try context.parameters.require("file", as: Int64.self),
            ofMessage: try context.parameters.require("id", as: Int64.self), by: context.signedIn)
        return try await download(file)
    }

    @Sendable package func bidderUpload(_ request: Request, context: BidderRequestContext) async throws
        -> EditedResponse<FileView>
    {
        let stored = try await service.upload(
            request.body, name: request.uri.queryParameters.get("nom") ?? "",
            announcedSize: request.headers[.contentLength].flatMap { Int64($0) },
            toReplyOf: try context.parameters.require("id", as: Int64.self), by: context.signedIn)
        return EditedResponse(status: .created, response: FileView(stored))
    }

    // MARK: - Files

    private func download(_ file: MessageAttachment) async throws -> Response {
        guard let hash = ContentHash(hex: file.sha256) else { throw DomainError.notFound(what: "Pièce jointe") }
        let slice = try await service.files.read(hash)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream", .contentLength: String(slice.count),
                .contentDisposition: ContentDisposition.attachment.header(fileName: file.name),
            ],
            body: ResponseBody(asyncSequence: slice))
    }
}
