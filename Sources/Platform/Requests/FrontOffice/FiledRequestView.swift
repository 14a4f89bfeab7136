import PlatformKernel

/// « Demande enregistrée »: the number of the request just filed, what happens next, and its « Récépissé de
/// dépôt », which prints alone.
package struct FiledRequestView: Sendable {
    package let teleservice: String
    package let number: String
    package let stateLabel: String
    package let followPath: String
    package let canFollow: Bool
    package let receipt: Receipt
    /// The payment the teleservice asks for, once filed (`Payments/`): its amount and page.
    package var hasPayment = false
    package var paymentAmount = ""
    package var paymentPath = ""

    package init(
        teleservice: String, number: String, stateLabel: String, followPath: String, canFollow: Bool, receipt: Receipt
    ) {
        self.teleservice = teleservice
        self.number = number
        self.stateLabel = stateLabel
        self.followPath = followPath
        self.canFollow = canFollow
        self.receipt = receipt
    }

    package static func page(_ request: CitizenRequest, teleservice: String, citizen: SignedInCitizen?)
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
package struct Receipt: Sendable {
    package let teleservice: String
    package let number: String
    package let filedAt: String
    package let requester: String
    package let subject: String

    package init(_ request: CitizenRequest, teleservice: String) {
        self.teleservice = teleservice
        number = request.number
        filedAt = CitizenTime.text(request.createdAt)
        requester = request.requesterName
        subject = request.subjectName
    }
}
