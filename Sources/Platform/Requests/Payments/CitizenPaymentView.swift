import PlatformKernel

/// « Paiement de votre demande » (`frontoffice/payment`): the amount before paying, the result after, and
/// « Payer » again when an attempt failed.
package struct CitizenPaymentView: Sendable {
    package let teleservice: String
    package let number: String
    package let reference: String
    package let amount: String
    package let regie: String
    package let hasRegie: Bool
    package let state: Badge
    package let isPaid: Bool
    package let paidAt: String
    package let transactionNumber: String
    package let hasTransactionNumber: Bool
    /// « Payer » (a new attempt after a failure): the form's action and its button's text.
    package let canPay: Bool
    package let payPath: String
    package let payLabel: String
    package let outcome: String
    package let hasOutcome: Bool
    package let outcomeTone: String
    /// A newer attempt of the same request exists: its page.
    package let laterPath: String
    package let hasLater: Bool
    package let providerLabel: String
    package let available: Bool
    package let followPath: String
    package let canFollow: Bool
    package let error: String
    package let hasError: Bool

    package static func page(
        _ citizen: PaymentService.Citizen, provider: (any PaymentProvider)?, signedIn: SignedInCitizen?,
        error: String? = nil
    ) -> Page<CitizenPaymentView> {
        let payment = citizen.payment
        let outcome: String? =
            switch payment.state {
            case .created: nil
            case .pending:
                "Le service de paiement ne nous a pas encore répondu. Si vous avez payé, cette page l'indiquera dans quelques instants ; sinon, payez ci-dessous."
            case .paid: "Votre paiement est validé. Merci : la mairie instruit votre demande."
            case .refused:
                "Votre paiement a été refusé par votre banque : aucune somme n'a été prélevée. Vous pouvez réessayer."
            case .cancelled: "Vous avez abandonné le paiement : aucune somme n'a été prélevée. Vous pouvez réessayer."
            case .expired: "Le paiement n'a pas abouti à temps : aucune somme n'a été prélevée. Vous pouvez réessayer."
            }
        let tone =
            switch payment.state {
            case .paid: "success"
            case .refused: "error"
            default: "info"
            }
        let canPay = citizen.later == nil && payment.state != .paid
        return Page(
            "frontoffice/payment", title: "Paiement de votre demande", audience: .citizen,
            section: .requestsCatalogue,
            breadcrumbs: [Breadcrumb("Démarches en ligne", "/demarches"), Breadcrumb("Paiement de votre demande")],
            user: signedIn?.banner,
            content: CitizenPaymentView(
                teleservice: citizen.teleservice, number: payment.requestNumber, reference: payment.reference,
                amount: PaymentAmount.text(payment.amount), regie: payment.regie, hasRegie: !payment.regie.isEmpty,
                state: Badge(label: payment.state.label, tone: payment.state.tone), isPaid: payment.state == .paid,
                paidAt: payment.paidAt.map(CitizenTime.text) ?? "", transactionNumber: payment.transactionNumber ?? "",
                hasTransactionNumber: payment.transactionNumber != nil, canPay: canPay && provider != nil,
                payPath: "/demarches/paiements/\(payment.reference)/payer",
                payLabel: payment.state.allowsRetry
                    ? "Réessayer le paiement" : "Payer \(PaymentAmount.text(payment.amount))",
                outcome: outcome ?? "", hasOutcome: outcome != nil, outcomeTone: tone,
                laterPath: citizen.later.map { "/demarches/paiements/\($0.reference)" } ?? "",
                hasLater: citizen.later != nil, providerLabel: provider?.label ?? "", available: provider != nil,
                followPath: "/citoyen/demandes/\(payment.requestID)", canFollow: signedIn != nil,
                error: error ?? "", hasError: error != nil))
    }
}

/// The test provider's page (`frontoffice/test-payment`): marked as a test everywhere, it lets the tester
/// accept, refuse or abandon the payment.
package struct TestPaymentView: Sendable {
    package let teleservice: String
    package let number: String
    package let reference: String
    package let amount: String
    package let actionPath: String

    package static func page(_ citizen: PaymentService.Citizen) -> Page<TestPaymentView> {
        let payment = citizen.payment
        return Page(
            "frontoffice/test-payment", title: "Service de paiement de test", audience: .citizen,
            breadcrumbs: [Breadcrumb("Service de paiement de test")],
            content: TestPaymentView(
                teleservice: citizen.teleservice, number: payment.requestNumber, reference: payment.reference,
                amount: PaymentAmount.text(payment.amount),
                actionPath: "\(TestPaymentProvider.pagePath)/\(payment.reference)"))
    }
}
