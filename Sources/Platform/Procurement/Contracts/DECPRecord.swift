import PlatformKernel

/// One « marché » of the essential data in the DECP 2.0 format (schema `schema_decp_v2.0.3.json` of
/// github.com/139bercy/format-commande-publique, published on schema.data.gouv.fr): its field names, and its
/// values as written in the export, strings for enumerations and dates, so that ``DECPValidator`` checks what
/// leaves the platform.
package struct DECPRecord: Sendable, Equatable {
    package var id: String
    package var buyerID: String
    package var nature: String
    package var object: String
    package var cpv: String
    package var techniques: [String]
    package var executionModes: [String]
    package var innovative: Bool
    package var generalConditions: String
    package var offersReceived: Int
    package var advancePaid: Bool
    package var grouping: String
    package var subcontractingDeclared: Bool
    package var procedure: String
    package var placeCode: String
    package var placeCodeType: String
    package var durationMonths: Int
    package var notificationDate: String
    package var publicationDate: String
    /// `montant`, in the export's decimal notation (`125000.5`).
    package var amount: String
    package var priceTypes: [String]
    package var priceForm: String
    package var holders: [Holder]
    package var socialConsiderations: [String]
    package var environmentalConsiderations: [String]
    package var modifications: [Modification]

    package struct Holder: Sendable, Equatable {
        package var identifierType: String
        package var id: String
    }

    package struct Modification: Sendable, Equatable {
        package var id: Int
        package var notificationDate: String
        package var publicationDate: String
        package var durationMonths: Int?
        package var amount: String?
    }
}

extension DECPRecord {
    /// The essential data of a published contract; `nil` while it is « à publier ».
    package init?(_ contract: Contract) {
        guard let published = contract.publicationDate else { return nil }
        self.init(contract, publishedOn: published)
    }

    /// The essential data `contract` would publish on `day`.
    package init(_ contract: Contract, publishedOn day: CalendarDay) {
        self.init(
            id: contract.number, buyerID: contract.buyerSIRET.value, nature: "Marché", object: contract.object,
            cpv: contract.cpv.description, techniques: [contract.technique], executionModes: ["Sans objet"],
            innovative: false, generalConditions: contract.generalConditions.rawValue,
            offersReceived: contract.offersReceived, advancePaid: false, grouping: contract.grouping.rawValue,
            subcontractingDeclared: false, procedure: contract.procedure, placeCode: contract.placeCode,
            placeCodeType: contract.placeCodeType.rawValue, durationMonths: contract.durationMonths,
            notificationDate: contract.notificationDate.description, publicationDate: day.description,
            amount: contract.amount.decimal, priceTypes: [contract.priceType.rawValue],
            priceForm: contract.priceForm.rawValue,
            holders: contract.holders.map { Holder(identifierType: "SIRET", id: $0.siret.value) },
            socialConsiderations: ["Pas de considération sociale"],
            environmentalConsiderations: ["Pas de considération environnementale"],
            modifications: contract.modifications.map {
                Modification(
                    id: $0.number, notificationDate: $0.signatureDate.description,
                    publicationDate: $0.publicationDate.description, durationMonths: $0.durationMonths,
                    amount: $0.amount?.decimal)
            })
    }
}
