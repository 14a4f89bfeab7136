import Hummingbird

/// The legal pages (`/mentions-legales`, `/conditions-utilisation`, `/prerequis-techniques`) and their PDF
/// (`/…/document`), public, and their edition by a platform administrator (`/…/modifier`): a refused text shows
/// the form again with the reason beside the field (400); a saved one redirects (303) to the page with a notice.
/// The PDF is sent by the edition page's script (`POST /api/…/document`, the file as the body) and withdrawn
/// by a form (`POST /…/document/supprimer`).
package struct LegalPageController: Sendable {
    package let service: LegalPageService

    package init(service: LegalPageService) {
        self.service = service
    }

    /// The edition form's fields.
    package struct EditForm: Decodable, Sendable {
        package var text: String?
    }

    package func register(on router: Router<PlatformRequestContext>) {
        for page in LegalPage.allCases {
            router.get(RouterPath(page.rawValue)) { request, context in
                try await show(page, request, context)
            }
            let edit = router.group(RouterPath(page.rawValue + "/modifier"), context: AgentRequestContext.self)
            edit.get { _, context in try await editForm(page, context) }
            edit.post { request, context in try await save(page, request, context) }
            router.get(RouterPath(page.rawValue + "/document")) { _, _ in try await download(page) }
            router.group(RouterPath("api/" + page.rawValue + "/document"), context: AgentRequestContext.self)
                .post { request, context in try await upload(page, request, context) }
            router.group(RouterPath(page.rawValue + "/document/supprimer"), context: AgentRequestContext.self)
                .post { _, context in
                    try await service.removeDocument(of: page, by: context.signedIn.agent.id ?? 0)
                    return Response.redirect(to: "\(page.path)?enregistre=retire", type: .normal)
                }
        }
    }

    /// What the upload answers (201).
    package struct UploadedDocument: ResponseEncodable, Sendable {
        package let fileName: String
        package let size: Int64
        package let sha256: String
    }

    @Sendable func upload(_ page: LegalPage, _ request: Request, _ context: AgentRequestContext) async throws
        -> EditedResponse<UploadedDocument>
    {
        let document = try await service.upload(
            request.body, name: request.uri.queryParameters.get("nom") ?? "",
            announcedSize: request.headers[.contentLength].flatMap { Int64($0) }, of: page,
            by: context.signedIn.agent.id ?? 0)
        return EditedResponse(
            status: .created,
            response: UploadedDocument(fileName: document.fileName, size: document.size, sha256: document.sha256))
    }

    /// The PDF, shown by the browser (`inline`), under the name it was uploaded with.
    @Sendable func download(_ page: LegalPage) async throws -> Response {
        let (document, slice) = try await service.documentFile(of: page)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf", .contentLength: String(slice.count),
                .contentDisposition: ContentDisposition.inline.header(fileName: document.fileName),
            ],
            body: ResponseBody(asyncSequence: slice))
    }

    @Sendable func show(_ page: LegalPage, _ request: Request, _ context: PlatformRequestContext) async throws
        -> Page<LegalPageView>
    {
        var canEdit = false
        if let agent = context.agent { canEdit = try await service.isPlatformAdministrator(agent.agent.id ?? 0) }
        let notice: String? =
            switch request.uri.queryParameters.get("enregistre") {
            case nil: nil
            case "document": "Le document PDF a été enregistré : il est proposé au téléchargement sur la page."
            case "retire": "Le document PDF a été retiré de la page."
            default: "Le texte de la page a été enregistré."
            }
        return Page(
            "legal/page", title: page.title, audience: .visitor,
            breadcrumbs: [Breadcrumb("Accueil", "/"), Breadcrumb(page.title)], user: context.agent?.banner,
            content: LegalPageView(
                page: page, text: try await service.text(of: page), document: try await service.document(of: page),
                canEdit: canEdit, notice: notice))
    }

    @Sendable func editForm(_ page: LegalPage, _ context: AgentRequestContext) async throws -> Page<LegalPageEditView> {
        try await service.checkEditor(context.signedIn.agent.id ?? 0)
        return try await editPage(page, context, text: try await service.text(of: page), error: nil)
    }

    @Sendable func save(_ page: LegalPage, _ request: Request, _ context: AgentRequestContext) async throws
        -> Response
    {
        let form = try await URLEncodedFormDecoder().decode(EditForm.self, from: request, context: context)
        do {
            try await service.save(form.text ?? "", of: page, by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(page.path)?enregistre=1", type: .normal)
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await editPage(page, context, text: form.text ?? "", error: FormRefusal(error).reason)
                .response(status: error.status, from: request, context: context)
        }
    }

    private func editPage(_ page: LegalPage, _ context: AgentRequestContext, text: String, error: String?)
        async throws -> Page<LegalPageEditView>
    {
        Page(
            "legal/edit", title: "Modifier « \(page.title) »", audience: .agent,
            breadcrumbs: [Breadcrumb(page.title, page.path), Breadcrumb("Modifier")], user: context.signedIn.banner,
            content: LegalPageEditView(
                page: page, csrfToken: context.signedIn.csrfToken, text: text,
                document: try await service.document(of: page), error: error))
    }
}
