import PlatformKernel

/// A payment in the agents' lists and on the request's page, with its history when shown there.
package struct PaymentRow: Sendable {
    package let reference: String
    package let number: String
    package let requestPath: String
    package let createdAt: String
    package let teleservice: String
    package let payer: String
    package let amount: String
    package let regie: String
    package let hasRegie: Bool
    package let provider: String
    package let state: Badge
    package let transactionNumber: String
    package let hasTransactionNumber: Bool
    package let events: [Event]
    package let hasEvents: Bool

    package struct Event: Sendable {
        package let at: String
        package let label: String
        package let state: String
        package let accepted: Bool
        package let detail: String
    }

    package init(_ payment: Payment, teleservice: String, events: [PaymentEvent] = []) {
        reference = payment.reference
        number = payment.requestNumber
        requestPath = "\(BackOffice.root)/\(payment.requestID)"
        createdAt = ParisTime.format(payment.createdAt)
        self.teleservice = teleservice
        payer = payment.payerName
        amount = PaymentAmount.text(payment.amount)
        regie = payment.regie
        hasRegie = !payment.regie.isEmpty
        provider =
            switch payment.provider {
            case "payfip": "PayFiP"
            case "test": "Test"
            default: "—"
            }
        state = Badge(label: payment.state.label, tone: payment.state.tone)
        transactionNumber = payment.transactionNumber ?? ""
        hasTransactionNumber = payment.transactionNumber != nil
        self.events = events.map { event in
            Event(
                at: ParisTime.format(event.at), label: event.kind.label, state: event.state.label,
                accepted: event.accepted, detail: event.detail)
        }
        hasEvents = !events.isEmpty
    }
}

/// « Rechercher paiement » (`backoffice/payments`): period, state, teleservice, reference.
package struct PaymentSearchView: Sendable {
    package let menu: BackOfficeMenu
    package let from: FormField
    package let to: FormField
    package let state: FormField
    package let teleservice: FormField
    package let reference: FormField
    package let regie: FormField
    package let rows: [PaymentRow]
    package let hasRows: Bool
    package let count: Int
    package let limit: Int

    package static func page(
        signedIn: SignedInAgent, search: PaymentSearch, query: PaymentSearchQuery, teleservices: [Teleservice],
        payments: [Payment]
    ) -> Page<PaymentSearchView> {
        let names = Dictionary(teleservices.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { first, _ in first })
        return BackOffice.page(
            "payments", title: "Rechercher paiement", signedIn: signedIn, trail: [Breadcrumb("Rechercher paiement")],
            content: PaymentSearchView(
                menu: BackOfficeMenu(.payments),
                from: FormField(
                    id: "du", name: "du", label: "Du", value: query.du ?? "", control: .input(type: "date")),
                to: FormField(id: "au", name: "au", label: "Au", value: query.au ?? "", control: .input(type: "date")),
                state: FormField(
                    id: "etat", name: "etat", label: "État du paiement",
                    control: .select(
                        SelectOption.list(
                            PaymentState.allCases.map { ($0.rawValue, $0.label) }, selected: search.state?.rawValue,
                            placeholder: "Tous"))),
                teleservice: FormField(
                    id: "teleservice", name: "teleservice", label: "Téléservice",
                    control: .select(
                        SelectOption.list(
                            teleservices.map { (String($0.id ?? 0), $0.name) },
                            selected: search.teleserviceID.map(String.init), placeholder: "Tous"))),
                reference: FormField(
                    id: "reference", name: "reference", label: "Référence", value: query.reference ?? "",
                    hint: "La référence du paiement ou le numéro de la demande."),
                regie: FormField(id: "regie", name: "regie", label: "Nom de la régie", value: query.regie ?? ""),
                rows: payments.map { PaymentRow($0, teleservice: names[$0.teleserviceID] ?? "") },
                hasRows: !payments.isEmpty, count: payments.count, limit: PaymentSearch.limit))
    }
}

/// The search's query string: `du`, `au` (aaaa-mm-jj), `etat`, `teleservice`, `reference`, `regie`.
package struct PaymentSearchQuery: Decodable, Sendable {
    package var du: String?
    package var au: String?
    package var etat: String?
    package var teleservice: String?
    package var reference: String?
    package var regie: String?

    package init(
        du: String? = nil, au: String? = nil, etat: String? = nil, teleservice: String? = nil, reference: String? = nil
    ) {
        self.du = du
        self.au = au
        self.etat = etat
        self.teleservice = teleservice
        self.reference = reference
    }

    /// The search it asks for; a date or a state that cannot be read is left out.
    package var search: PaymentSearch {
        PaymentSearch(
            from: du.flatMap { CivilDate(iso: $0) }, to: au.flatMap { CivilDate(iso: $0) },
            state: etat.flatMap(PaymentState.init(rawValue:)), teleserviceID: teleservice.flatMap { Int64($0) },
            reference: reference, regie: regie)
    }
}

/// « Paiement » of a teleservice (`backoffice/payment-settings`): on or off, the régie, a fixed amount or a
/// price list read from a field of the form.
package struct PaymentSettingsView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let teleservice: String
    package let path: String
    package let settingsPath: String
    package let enabled: Bool
    package let regie: FormField
    package let amount: FormField
    package let priceField: FormField
    package let prices: FormField
    package let providerLabel: String
    package let hasProvider: Bool
    package let notice: String
    package let hasNotice: Bool
    package let error: FormError?

    /// The form's fields.
    package struct Form: Decodable, Sendable {
        package var actif: String?
        package var regie: String?
        package var montant: String?
        package var champ: String?
        package var tarifs: String?
    }

    package static let fieldIDs = [
        "Montant": "paiement-montant", "Tarifs": "paiement-tarifs", "Champ du formulaire": "paiement-champ",
    ]

    package static func page(
        signedIn: SignedInAgent, teleservice: Teleservice, settings: TeleservicePayment, form: Form?,
        provider: (any PaymentProvider)?, notice: String?, error: FormError?
    ) -> Page<PaymentSettingsView> {
        let id = teleservice.id ?? 0
        let path = "\(BackOffice.root)/gestion/teleservices/\(id)"
        let amountText =
            form?.montant ?? settings.amount.map {
                PaymentAmount.text($0).replacingOccurrences(of: "\u{00A0}€", with: "")
            } ?? ""
        let title = "Paiement du téléservice « \(teleservice.name) »"
        return BackOffice.page(
            "payment-settings", title: title, signedIn: signedIn,
            trail: [
                Breadcrumb("Gestion", "\(BackOffice.root)/gestion"), Breadcrumb(teleservice.name, path),
                Breadcrumb("Paiement"),
            ],
            content: PaymentSettingsView(
                menu: BackOfficeMenu(.management), csrfToken: signedIn.csrfToken, teleservice: teleservice.name,
                path: path, settingsPath: "\(path)/paiement",
                enabled: form.map { $0.actif == "1" } ?? settings.enabled,
                regie: FormField(
                    id: "paiement-regie", name: "regie", label: "Nom de la régie", value: form?.regie ?? settings.regie,
                    hint: "La régie de recettes qui encaisse ces paiements, par exemple « Régie périscolaire »."),
                amount: FormField(
                    id: "paiement-montant", name: "montant", label: "Montant fixe (en euros)", value: amountText,
                    hint: "Par exemple 12,50. Laissez vide si le prix dépend d'un champ du formulaire.",
                    error: error?.on("paiement-montant")),
                priceField: FormField(
                    id: "paiement-champ", name: "champ", label: "Champ du formulaire qui fixe le prix",
                    control: .select(
                        SelectOption.list(
                            teleservice.form.fields.map { ($0.key, "\($0.label) (\($0.key))") },
                            selected: form?.champ ?? settings.priceField, placeholder: "Aucun : montant fixe")),
                    error: error?.on("paiement-champ")),
                prices: FormField(
                    id: "paiement-tarifs", name: "tarifs", label: "Grille de tarifs",
                    value: form?.tarifs
                        ?? settings.pricesText,
                    control: .textarea(rows: 5),
                    hint: "Une ligne par valeur du champ : « valeur ; montant », par exemple « parc ; 12,50 ».",
                    error: error?.on("paiement-tarifs")),
                providerLabel: provider?.label ?? "", hasProvider: provider != nil, notice: notice ?? "",
                hasNotice: notice != nil, error: error))
    }
}

/// The payments of a request on its back-office page (`backoffice/request-payments`).
package struct RequestPaymentsPanel: Sendable {
    package let rows: [PaymentRow]

    package init(_ payments: [(Payment, [PaymentEvent])], teleservice: String) {
        rows = payments.map { PaymentRow($0.0, teleservice: teleservice, events: $0.1) }
    }
}
