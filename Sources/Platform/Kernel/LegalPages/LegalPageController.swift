import Hummingbird

/// The legal pages (`/mentions-legales`, `/conditions-utilisation`, `/prerequis-techniques`), public, and
/// their edition by a platform administrator (`/…/modifier`): a refused text shows the form again with the
/// reason beside the field (400); a saved one redirects (303) to the page with a notice.
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
        }
    }

    @Sendable func show(_ page: LegalPage, _ request: Request, _ context: PlatformRequestContext) async throws
        -> Page<LegalPageView>
    {
        var canEdit = false
        if let agent = context.agent { canEdit = try await service.isPlatformAdministrator(agent.agent.id ?? 0) }
        let notice: String? =
            request.uri.queryParameters.get("enregistre") == nil ? nil : "Le texte de la page a été enregistré."
        return Page(
            "legal/page", title: page.title, audience: .visitor,
            breadcrumbs: [Breadcrumb("Accueil", "/"), Breadcrumb(page.title)], user: context.agent?.banner,
            content: LegalPageView(
                page: page, text: try await service.text(of: page), canEdit: canEdit, notice: notice))
    }

    @Sendable func editForm(_ page: LegalPage, _ context: AgentRequestContext) async throws -> Page<LegalPageEditView> {
        try await service.checkEditor(context.signedIn.agent.id ?? 0)
        return editPage(page, context, text: try await service.text(of: page), error: nil)
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
            return try editPage(page, context, text: form.text ?? "", error: FormRefusal(error).reason)
                .response(status: error.status, from: request, context: context)
        }
    }

    private func editPage(_ page: LegalPage, _ context: AgentRequestContext, text: String, error: String?)
        -> Page<LegalPageEditView>
    {
        Page(
            "legal/edit", title: "Modifier « \(page.title) »", audience: .agent,
            breadcrumbs: [Breadcrumb(page.title, page.path), Breadcrumb("Modifier")], user: context.signedIn.banner,
            content: LegalPageEditView(
                page: page, csrfToken: context.signedIn.csrfToken, text: text, error: error))
    }
}
