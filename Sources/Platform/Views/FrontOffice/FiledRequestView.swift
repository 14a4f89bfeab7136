/// « Demande enregistrée »: the number of the request just filed, what happens next, and its « Récépissé de
/// dépôt », which prints alone.
struct FiledRequestView: Sendable {
    let teleservice: String
    let number: String
    let stateLabel: String
    let followPath: String
    let canFollow: Bool
    let receipt: Receipt

    static func page(_ request: CitizenRequest, teleservice: String, citizen: SignedInCitizen?)
        -> Page<FiledRequestView>
    {
        Page(
            "frontoffice/filed", title: "Demande enregistrée", audience: .citizen, section: .requestsCatalogue,
            breadcrumbs: [Breadcrumb("Démarches en ligne", "/demarches"), Breadcrumb("Demande enregistrée")],
            user: citizen?.banner,
            content: FiledRequestView(
                teleservice: teleservice, number: request.number, stateLabel: request.state.label,
                followPath: "/citoyen/demandes/\(request.id ?? 0)", canFollow: citizen != nil,
                receipt: Receipt(request, teleservice: teleservice)))
    }
}

/// « Récépissé de dépôt » (`frontoffice/receipt`): what the citizen keeps of a filing.
struct Receipt: Sendable {
    let teleservice: String
    let number: String
    let filedAt: String
    let requester: String
    let subject: String

    init(_ request: CitizenRequest, teleservice: String) {
        self.teleservice = teleservice
        number = request.number
        filedAt = CitizenTime.text(request.createdAt)
        requester = request.requesterName
        subject = request.subjectName
    }
}
