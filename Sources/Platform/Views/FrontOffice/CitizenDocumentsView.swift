/// « Mes documents » (`/citoyen/documents`): the household's supporting documents, reusable for every
/// request; « Ajouter un document » sends a file (`/static/document-upload.js`), « Supprimer » asks first.
struct CitizenDocumentsView: Sendable {
    let documents: [Row]
    let hasDocuments: Bool
    let alert: FormAlert?
    let csrfToken: String
    let uploadURL: String
    /// Kinds the online teleservices ask for, offered while typing the kind.
    let kinds: [String]
    let maximumSize: String

    struct Row: Sendable {
        let kind: String
        let fileName: String
        let addedOn: String
        let deletePath: String
    }

    static func page(
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
                        deletePath: "/citoyen/documents/\($0.id ?? 0)/supprimer")
                },
                hasDocuments: !documents.isEmpty, alert: refusal.map { FormAlert($0, anchor: nil) },
                csrfToken: citizen.csrfToken, uploadURL: "/api/citoyen/documents", kinds: kinds,
                maximumSize: "\(FrontOfficeService.maximumDocumentSize >> 20) Mo"))
    }
}
