import PlatformKernel

/// « Mes documents » (`/citoyen/documents`): the household's supporting documents, reusable for every
/// request; « Ajouter un document » sends a file (`/static/document-upload.js`), « Supprimer » asks first.
package struct CitizenDocumentsView: Sendable {
    package let documents: [Row]
    package let hasDocuments: Bool
    package let alert: FormAlert?
    package let csrfToken: String
    package let uploadURL: String
    /// Kinds the online teleservices ask for, offered while typing the kind.
    package let kinds: [String]
    package let maximumSize: String

    package init(
        documents: [Row], hasDocuments: Bool, alert: FormAlert?, csrfToken: String, uploadURL: String, kinds: [String],
        maximumSize: String
    ) {
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.alert = alert
        self.csrfToken = csrfToken
        self.uploadURL = uploadURL
        self.kinds = kinds
        self.maximumSize = maximumSize
    }

    package struct Row: Sendable {
        package let kind: String
        package let fileName: String
        package let addedOn: String
        package let viewPath: String
        package let deletePath: String

        package init(kind: String, fileName: String, addedOn: String, viewPath: String, deletePath: String) {
            self.kind = kind
            self.fileName = fileName
            self.addedOn = addedOn
            self.viewPath = viewPath
            self.deletePath = deletePath
        }
    }

    package static func page(
        _ citizen: SignedInCitizen, _ documents: [CitizenDocument], kinds: [String], refusal: RefusedForm? = nil
    ) -> Page<CitizenDocumentsView> {
        Page(
            "frontoffice/documents", title: "Mes documents", audience: .citizen, section: .citizenDocuments,
            breadcrumbs: [Breadcrumb("Mon espace", "/citoyen"), Breadcrumb("Mes documents")], user: citizen.banner,
            scripts: ["/static/document-upload.js"],
            content: CitizenDocumentsView(
                documents: documents.map {
                    Row(
                        kind: $0.kind, fileName: $0.fileName, addedOn: CitizenTime.day($0.createdAt),
                        viewPath: "/citoyen/documents/\($0.id ?? 0)",
                        deletePath: "/citoyen/documents/\($0.id ?? 0)/supprimer")
                },
                hasDocuments: !documents.isEmpty, alert: refusal.map { FormAlert($0, anchor: nil) },
                csrfToken: citizen.csrfToken, uploadURL: "/api/citoyen/documents", kinds: kinds,
                maximumSize: "\(FrontOfficeService.maximumDocumentSize >> 20) Mo"))
    }
}
