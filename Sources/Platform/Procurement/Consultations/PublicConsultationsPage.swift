import Foundation
import PlatformKernel

/// "Rechercher une consultation": the published consultations, searchable by keyword, category and CPV.
package struct PublicSearchView: Sendable {
    package let keyword: TextInputModel
    package let category: SelectInputModel
    package let cpv: TextInputModel
    package let hasCriteria: Bool
    package let hasRefusal: Bool
    package let refusal: String
    package let results: [Row]
    package let hasResults: Bool
    package let countText: String

    package init(
        keyword: TextInputModel, category: SelectInputModel, cpv: TextInputModel, hasCriteria: Bool, hasRefusal: Bool,
        refusal: String, results: [Row], hasResults: Bool, countText: String
    ) {
        self.keyword = keyword
        self.category = category
        self.cpv = cpv
        self.hasCriteria = hasCriteria
        self.hasRefusal = hasRefusal
        self.refusal = refusal
        self.results = results
        self.hasResults = hasResults
        self.countText = countText
    }

    package struct Row: Sendable {
        package let reference: String
        package let link: String
        package let title: String
        package let buyer: String
        package let category: String
        package let deadline: String

        package init(
            reference: String, link: String, title: String, buyer: String, category: String, deadline: String
        ) {
            self.reference = reference
            self.link = link
            self.title = title
            self.buyer = buyer
            self.category = category
            self.deadline = deadline
        }
    }

    package static func page(
        search: ConsultationSearch, consultations: [Consultation], buyers: [Int64: String], refusal: FormRefusal?,
        user: SignedInBanner?
    ) -> Page<PublicSearchView> {
        let rows = consultations.map { consultation in
            Row(
                reference: consultation.reference.value,
                link: "/consultations-publiques/\(percentEncode(consultation.reference.value))",
                title: consultation.title, buyer: buyers[consultation.organisationID] ?? "",
                category: consultation.category.label, deadline: ParisTime.format(consultation.deadline))
        }
        let count =
            switch rows.count {
            case 0: ""
            case 1: "1 consultation en ligne"
            case search.limit:
                "Les \(rows.count) consultations en ligne les plus proches de leur date limite : "
                    + "précisez la recherche pour voir les autres."
            default: "\(rows.count) consultations en ligne"
            }
        let content = PublicSearchView(
            keyword: TextInputModel(
                id: "q", name: "q", label: "Mots-clés", type: "search", value: search.keyword ?? "",
                hint: "Cherchés dans la référence, l'intitulé et l'objet, sans tenir compte des accents."),
            category: SelectInputModel(
                id: "categorie", name: "categorie", label: "Catégorie",
                options: [("", "Toutes")] + ProcurementCategory.allCases.map { ($0.rawValue, $0.label) },
                selected: search.category?.rawValue ?? "", hint: "Travaux, fournitures ou services."),
            cpv: TextInputModel(
                id: "cpv", name: "cpv", label: "Code CPV (début)", value: search.cpvPrefix ?? "",
                hint: "De 1 à 8 chiffres : 45 pour tous les travaux de construction, 4521 pour une classe.",
                error: refusal?.error(for: ["code cpv"]), inputMode: "numeric"),
            hasCriteria: search.keyword != nil || search.category != nil || search.cpvPrefix != nil,
            hasRefusal: refusal != nil, refusal: refusal?.message ?? "", results: rows, hasResults: !rows.isEmpty,
            countText: count)
        return Page(
            "companies/search", title: "Rechercher une consultation", audience: .company,
            section: .publicConsultations,
            breadcrumbs: [Breadcrumb("Accueil", "/"), Breadcrumb("Rechercher une consultation")], user: user,
            content: content)
    }
}

/// The page of one published consultation for companies: what it is about, its calendar, its DCE, and how to
/// answer with the assistant; a signed-in company gets the "Déposer" form, which `/static/depot.js` hands to
/// the assistant.
package struct PublicConsultationView: Sendable {
    package let title: String
    package let reference: String
    package let buyer: String
    package let summary: [Entry]
    package let hasLots: Bool
    package let lots: [Lot]
    package let onlineFrom: String
    package let deadline: String
    package let remaining: String
    package let hasDCE: Bool
    package let dceLink: String
    package let command: String
    package let acceptsDeposits: Bool
    package let closedNote: String
    package let signedIn: Bool
    package let companyName: String
    package let csrfToken: String
    package let assistantPort: String
    package let signatureRequired: Bool
    package let signatureMode: String
    package let envelopes: [EnvelopeInput]
    /// The documents and the questions and answers (`Documents/`, `Questions/`), once each when shown.
    package var documentsSection: [PublicDocumentsView] = []
    package var questionsSection: [PublicQuestionsView] = []

    package init(
        title: String, reference: String, buyer: String, summary: [Entry], hasLots: Bool, lots: [Lot],
        onlineFrom: String, deadline: String, remaining: String, hasDCE: Bool, dceLink: String, command: String,
        acceptsDeposits: Bool, closedNote: String, signedIn: Bool, companyName: String, csrfToken: String,
        assistantPort: String, signatureRequired: Bool, signatureMode: String, envelopes: [EnvelopeInput]
    ) {
        self.title = title
        self.reference = reference
        self.buyer = buyer
        self.summary = summary
        self.hasLots = hasLots
        self.lots = lots
        self.onlineFrom = onlineFrom
        self.deadline = deadline
        self.remaining = remaining
        self.hasDCE = hasDCE
        self.dceLink = dceLink
        self.command = command
        self.acceptsDeposits = acceptsDeposits
        self.closedNote = closedNote
        self.signedIn = signedIn
        self.companyName = companyName
        self.csrfToken = csrfToken
        self.assistantPort = assistantPort
        self.signatureRequired = signatureRequired
        self.signatureMode = signatureMode
        self.envelopes = envelopes
    }

    package struct Entry: Sendable {
        package let term: String
        package let definition: String

        package init(term: String, definition: String) {
            self.term = term
            self.definition = definition
        }
    }

    package struct Lot: Sendable {
        package let number: String
        package let title: String

        package init(number: String, title: String) {
            self.number = number
            self.title = title
        }
    }

    package struct EnvelopeInput: Sendable {
        package let id: String
        package let envelope: String
        package let label: String
        package let hint: String

        package init(id: String, envelope: String, label: String, hint: String) {
            self.id = id
            self.envelope = envelope
            self.label = label
            self.hint = hint
        }
    }

    package static func page(
        _ consultation: Consultation, buyer: String, platformURL: String, bidder: SignedInBidder?,
        assistantPort: Int, now: Int64 = Timestamp.now()
    ) -> Page<PublicConsultationView> {
        let reference = consultation.reference.value
        let modalities = consultation.modalities
        let envelopes = modalities.envelopes.sorted()
        let example = envelopes.map { "--envelope \($0.rawValue)=FICHIER" }.joined(separator: " ")
        let summary = [
            Entry(term: "Référence", definition: reference),
            Entry(term: "Acheteur public", definition: buyer),
            Entry(term: "Objet", definition: consultation.object),
            Entry(term: "Type de procédure", definition: consultation.procedureType.label),
            Entry(term: "Type de contrat", definition: consultation.contractType.label),
            Entry(term: "Catégorie", definition: consultation.category.label),
            Entry(term: "Code CPV", definition: consultation.cpv?.description ?? "—"),
            Entry(term: "Lieu d'exécution", definition: consultation.placeOfExecution),
            Entry(term: "Enveloppes", definition: envelopes.map(\.label).joined(separator: ", ")),
            Entry(term: "Réponse électronique", definition: modalities.electronicResponse.label),
            Entry(term: "Signature électronique", definition: modalities.signature.label),
        ]
        let signature = modalities.signature == .required
        let accepts = consultation.acceptsDeposits(at: now)
        let closed =
            modalities.electronicResponse == .refused
            ? "La réponse électronique n'est pas acceptée pour cette consultation : suivez les modalités du "
                + "règlement de la consultation."
            : "La date limite de remise des plis est passée : les dépôts sont clos."
        let content = PublicConsultationView(
            title: consultation.title, reference: reference, buyer: buyer, summary: summary,
            hasLots: !consultation.lots.isEmpty,
            lots: consultation.lots.map { Lot(number: "Lot \($0.number)", title: $0.title) },
            onlineFrom: FrenchTime.text(consultation.onlineFrom), deadline: FrenchTime.text(consultation.deadline),
            remaining: Self.remaining(until: consultation.deadline, now: now),
            hasDCE: consultation.dceSHA256 != nil,
            dceLink: "/api/public/consultations/\(percentEncode(reference))/dce",
            command:
                "sceau-assistant deposit --platform \(platformURL) --consultation \(reference) \(example)",
            acceptsDeposits: accepts, closedNote: closed, signedIn: bidder != nil,
            companyName: bidder?.company.name ?? "", csrfToken: bidder?.csrfToken ?? "",
            assistantPort: "\(assistantPort)", signatureRequired: signature,
            signatureMode: signature ? "requise" : "non-requise",
            envelopes: envelopes.map { envelope in
                EnvelopeInput(
                    id: "fichiers-\(envelope.rawValue)", envelope: envelope.rawValue,
                    label: "Enveloppe « \(envelope.label) »", hint: Self.hint(envelope))
            })
        return Page(
            "companies/consultation", title: consultation.title, audience: .company,
            section: .publicConsultations,
            breadcrumbs: [
                Breadcrumb("Accueil", "/"), Breadcrumb("Rechercher une consultation", "/consultations-publiques"),
                Breadcrumb(reference),
            ], user: bidder?.banner, scripts: bidder != nil && accepts ? ["/static/depot.js"] : [], content: content)
    }

    private static func hint(_ envelope: ConsultationEnvelope) -> String {
        switch envelope {
        case .application:
            "Les pièces de votre candidature (DC1, DC2 ou DUME, attestations…). Plusieurs fichiers possibles."
        case .offer:
            "Les pièces de votre offre (acte d'engagement, mémoire technique, prix…). Plusieurs fichiers possibles."
        case .anonymity: "Les pièces qui vous identifient, ouvertes après le classement anonyme des projets."
        }
    }

    /// "Clôture dans 13 jours", "dans 5 heures", "Clôturée".
    private static func remaining(until deadline: Int64, now: Int64) -> String {
        let seconds = deadline - now
        if seconds <= 0 { return "Clôturée" }
        let days = seconds / 86_400
        if days >= 2 { return "Clôture dans \(days) jours" }
        let hours = seconds / 3_600
        if hours >= 2 { return "Clôture dans \(hours) heures" }
        return "Clôture dans moins de deux heures"
    }
}

/// Percent-encodes a path segment.
package func percentEncode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? text
}
