import PlatformKernel

/// A contract concluded after a decision « Attribution » on a consultation or one of its lots, with its essential
/// data (« données essentielles de la commande publique »). Its initial data never change once recorded; what
/// changes afterwards is a ``ContractModification``, appended in order.
package struct Contract: Sendable, Equatable {
    package var id: Int64?
    package var consultationID: Int64
    /// The lot awarded; `nil` for a consultation that is not divided into lots.
    package var lotNumber: Int?
    /// The public entity (« acheteur ») and the consultation's service.
    package var entityID: Int64
    package var organisationID: Int64
    package var buyerName: String
    package var buyerSIRET: SIRET
    package var consultationReference: String
    package var object: String
    package var cpv: CPVCode
    /// DECP `procedure`, from the consultation's procedure.
    package var procedure: String
    /// DECP `technique`, from the consultation's type of contract.
    package var technique: String
    package var generalConditions: GeneralConditions
    package var holders: [ContractHolder]
    package var grouping: OperatorGrouping
    package var amount: EuroAmount
    package var priceForm: PriceForm
    package var priceType: PriceType
    package var durationMonths: Int
    package var offersReceived: Int
    package var notificationDate: CalendarDay
    package var executionStartDate: CalendarDay
    /// The contract's contact (« contact du contrat »): an agent's name and e-mail.
    package var contactName: String
    package var contactEmail: String
    package var placeCode: String
    package var placeCodeType: PlaceCodeType
    package var createdBy: Int64
    package var createdAt: Int64
    /// The day the essential data were first published (`datePublicationDonnees`); `nil` while « à publier ».
    package var publicationDate: CalendarDay?
    package var modifications: [ContractModification] = []

    /// The identifier of the essential data (`id`, 1 to 16 characters, the buyer's order number): the year of
    /// notification and the contract's number on the platform, as in `2026C000012`.
    package var number: String {
        let digits = String(id ?? 0)
        return "\(notificationDate.year)C" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The amount and duration in force: the last modification's, else the initial ones.
    package var currentAmount: EuroAmount { modifications.last(where: { $0.amount != nil })?.amount ?? amount }
    package var currentDurationMonths: Int {
        modifications.last(where: { $0.durationMonths != nil })?.durationMonths ?? durationMonths
    }

    /// Where the contract stands, as « Suivi des contrats » shows it.
    package var stateLabel: String {
        guard publicationDate != nil else { return "Données à publier" }
        return modifications.isEmpty
            ? "Publié" : "Publié, \(modifications.count) modification\(modifications.count > 1 ? "s" : "")"
    }
}

/// A « titulaire » of a contract; several make a groupement.
package struct ContractHolder: Codable, Sendable, Hashable {
    package var name: String
    package var siret: SIRET

    package init(name: String, siret: SIRET) {
        self.name = name
        self.siret = siret
    }
}

/// An « avenant / modification » of a contract, numbered from 1 in the order recorded: its object, the new amount
/// and/or duration, the day it was signed (DECP `dateNotificationModification`) and published.
package struct ContractModification: Sendable, Equatable {
    package var number: Int
    package var object: String
    package var amount: EuroAmount?
    package var durationMonths: Int?
    package var signatureDate: CalendarDay
    package var publicationDate: CalendarDay
    package var recordedBy: Int64
    package var recordedAt: Int64

    package init(
        number: Int, object: String, amount: EuroAmount?, durationMonths: Int?, signatureDate: CalendarDay,
        publicationDate: CalendarDay, recordedBy: Int64, recordedAt: Int64
    ) {
        self.number = number
        self.object = object
        self.amount = amount
        self.durationMonths = durationMonths
        self.signatureDate = signatureDate
        self.publicationDate = publicationDate
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
