/// What `legal/page.mustache` shows: the page's text in blocks, and to a platform administrator the link to
/// edit it.
package struct LegalPageView: Sendable {
    package let title: String
    package let blocks: [LegalText.Block]
    package let editPath: String
    package let canEdit: Bool
    package let notice: String
    package let hasNotice: Bool

    package init(page: LegalPage, text: String, canEdit: Bool, notice: String?) {
        title = page.title
        blocks = LegalText(text).blocks
        editPath = "\(page.path)/modifier"
        self.canEdit = canEdit
        self.notice = notice ?? ""
        hasNotice = notice != nil
    }
}

/// What `legal/edit.mustache` shows: the form replacing a legal page's text.
package struct LegalPageEditView: Sendable {
    package let title: String
    package let path: String
    package let csrfToken: String
    package let text: TextInputModel
    package let hasError: Bool
    package let error: String

    package init(page: LegalPage, csrfToken: String, text: String, error: String?) {
        title = page.title
        path = page.path
        self.csrfToken = csrfToken
        self.text = TextInputModel(
            id: "texte", name: "text", label: "Texte de la page", value: text, required: true,
            hint:
                "Texte simple : séparez les paragraphes par une ligne vide ; commencez par « - » chaque élément d'une liste.",
            error: error, maxLength: LegalPageService.maximumLength)
        hasError = error != nil
        self.error = error ?? ""
    }
}
