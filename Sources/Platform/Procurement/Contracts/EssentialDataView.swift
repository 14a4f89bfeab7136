import PlatformKernel

/// « Données essentielles » (`contracts/public.mustache`): the public search of the contracts concluded on the
/// platform, by buyer, object, titulaire, CPV and notification dates, with the DECP downloads.
package struct EssentialDataView: Sendable {
    package let buyer: TextInputModel
    package let object: TextInputModel
    package let holder: TextInputModel
    package let cpv: TextInputModel
    package let from: TextInputModel
    package let to: TextInputModel
    package let hasCriteria: Bool
    package let hasRefusal: Bool
    package let refusal: String
    package let refusalFieldID: String
    package let results: [Row]
    package let hasResults: Bool
    package let countText: String

    package struct Row: Sendable {
        package let number: String
        package let buyer: String
        package let object: String
        package let holders: String
        package let cpv: String
        package let notification: String
        package let amount: String
        package let duration: String
        package let modifications: String
        package let isModified: Bool
    }

    private static let fieldIDs = ["code cpv": "cpv", "notifié à partir du": "du", "notifié jusqu'au": "au"]

    package init(query: [String: String], search: ContractSearch, contracts: [Contract], refusal: FormRefusal?) {
        func value(_ key: String) -> String { query[key] ?? "" }
        func error(_ field: String) -> String? { refusal?.error(for: [field]) }
        buyer = TextInputModel(id: "acheteur", name: "acheteur", label: "Acheteur public", value: value("acheteur"))
        object = TextInputModel(
            id: "objet", name: "objet", label: "Mots-clés dans l'objet du marché", type: "search",
            value: value("objet"))
        holder = TextInputModel(
            id: "titulaire", name: "titulaire", label: "Titulaire (raison sociale ou SIRET)", value: value("titulaire"))
        cpv = TextInputModel(
            id: "cpv", name: "cpv", label: "Code CPV (début)", value: value("cpv"),
            hint: "De 1 à 8 chiffres : 45 pour tous les travaux.", error: error("code cpv"), inputMode: "numeric")
        from = TextInputModel(
            id: "du", name: "du", label: "Notifié à partir du", value: value("du"), hint: "jj/mm/aaaa.",
            error: error("notifié à partir du"))
        to = TextInputModel(
            id: "au", name: "au", label: "Notifié jusqu'au", value: value("au"), hint: "jj/mm/aaaa.",
            error: error("notifié jusqu'au"))
        hasCriteria = search.hasCriteria || refusal != nil
        hasRefusal = refusal != nil
        self.refusal = refusal?.message ?? ""
        refusalFieldID = refusal?.field.flatMap { Self.fieldIDs[$0] } ?? "cpv"
        results = contracts.map { contract in
            Row(
                number: contract.number, buyer: contract.buyerName, object: contract.object,
                holders: contract.holders.map(\.name).joined(separator: ", "), cpv: contract.cpv.description,
                notification: contract.notificationDate.french, amount: contract.currentAmount.french,
                duration: "\(contract.currentDurationMonths) mois",
                modifications: contract.modifications.count == 1
                    ? "1 modification" : "\(contract.modifications.count) modifications",
                isModified: !contract.modifications.isEmpty)
        }
        hasResults = !results.isEmpty
        countText =
            switch results.count {
            case 0: ""
            case 1: "1 marché conclu"
            case search.limit:
                "Les \(search.limit) marchés les plus récents : précisez la recherche pour voir les autres."
            default: "\(results.count) marchés conclus"
            }
    }

    package static func page(_ view: EssentialDataView) -> Page<EssentialDataView> {
        Page(
            "contracts/public", title: "Données essentielles", audience: .visitor, section: .essentialData,
            breadcrumbs: [Breadcrumb("Accueil", "/"), Breadcrumb("Données essentielles")], content: view)
    }
}
