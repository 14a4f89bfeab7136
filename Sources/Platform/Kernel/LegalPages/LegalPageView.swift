/// What `legal/page.mustache` shows: the page's text in blocks, its PDF when one was uploaded, and to a platform
/// administrator the link to edit it.
package struct LegalPageView: Sendable {
    package let title: String
    package let blocks: [LegalText.Block]
    package let document: [DocumentLink]
    package let editPath: String
    package let canEdit: Bool
    package let notice: String
    package let hasNotice: Bool

    package init(page: LegalPage, text: String, document: LegalDocument?, canEdit: Bool, notice: String?) {
        title = page.title
        blocks = LegalText(text).blocks
        self.document = document.map { [DocumentLink($0)] } ?? []
        editPath = "\(page.path)/modifier"
        self.canEdit = canEdit
        self.notice = notice ?? ""
        hasNotice = notice != nil
    }
}

/// A legal page's PDF as the pages link it: « mentions-legales.pdf (PDF, 120 Ko) ».
package struct DocumentLink: Sendable {
    package let path: String
    package let fileName: String
    package let sizeLabel: String
    package let uploadedOn: String

    package init(_ document: LegalDocument) {
        path = "\(document.page.path)/document"
        fileName = document.fileName
        sizeLabel = FrenchByteCount.text(document.size)
        uploadedOn = ParisTime.format(document.uploadedAt)
    }
}

/// What `legal/edit.mustache` shows: the form replacing a legal page's text, and the PDF beside it (upload,
/// replace, withdraw).
package struct LegalPageEditView: Sendable {
    package let title: String
    package let path: String
    package let csrfToken: String
    package let document: [DocumentLink]
    package let uploadPath: String
    package let removePath: String
    package let maximumSize: String
    package let text: TextInputModel
    package let hasError: Bool
    package let error: String

    package init(page: LegalPage, csrfToken: String, text: String, document: LegalDocument?, error: String?) {
        title = page.title
        path = page.path
        self.csrfToken = csrfToken
        self.document = document.map { [DocumentLink($0)] } ?? []
        uploadPath = "/api\(page.path)/document"
        removePath = "\(page.path)/document/supprimer"
        maximumSize = LegalDocument.maximumSizeLabel
        self.text = TextInputModel(
            id: "texte", name: "text", label: "Texte de la page", value: text, required: true,
            hint:
                "Texte simple : séparez les paragraphes par une ligne vide ; commencez par « - » chaque élément d'une liste.",
            error: error, maxLength: LegalPageService.maximumLength)
        hasError = error != nil
        self.error = error ?? ""
    }
}
