import PlatformKernel

/// What the buyer types to create a contract, as typed: ``ContractPolicy`` turns it into a ``Contract``.
package struct ContractDraft: Sendable, Equatable {
    /// The lot's number as typed (empty for a consultation without lots).
    package var lot: String = ""
    package var buyerSIRET: String = ""
    package var object: String = ""
    package var cpv: String = ""
    /// Up to ``ContractPolicy/maximumHolders`` titulaires: name and SIRET; blank lines are ignored.
    package var holders: [(name: String, siret: String)] = []
    package var grouping: String = OperatorGrouping.none.rawValue
    package var amount: String = ""
    package var priceForm: String = PriceForm.lumpSum.rawValue
    package var priceType: String = PriceType.firm.rawValue
    package var generalConditions: String = ""
    package var durationMonths: String = ""
    package var offersReceived: String = ""
    package var notificationDate: String = ""
    package var executionStartDate: String = ""
    package var contactName: String = ""
    package var contactEmail: String = ""
    package var placeCode: String = ""
    package var placeCodeType: String = PlaceCodeType.commune.rawValue

    package init() {}

    package static func == (lhs: ContractDraft, rhs: ContractDraft) -> Bool {
        lhs.lot == rhs.lot && lhs.buyerSIRET == rhs.buyerSIRET && lhs.object == rhs.object && lhs.cpv == rhs.cpv
            && lhs.holders.map(\.name) == rhs.holders.map(\.name)
            && lhs.holders.map(\.siret) == rhs.holders.map(\.siret) && lhs.amount == rhs.amount
            && lhs.durationMonths == rhs.durationMonths && lhs.notificationDate == rhs.notificationDate
    }
}

/// What the buyer types to record an « avenant / modification ».
package struct ModificationDraft: Sendable, Equatable {
    package var object: String = ""
    package var amount: String = ""
    package var durationMonths: String = ""
    package var signatureDate: String = ""
    package var publicationDate: String = ""

    package init(
        object: String = "", amount: String = "", durationMonths: String = "", signatureDate: String = "",
        publicationDate: String = ""
    ) {
        self.object = object
        self.amount = amount
        self.durationMonths = durationMonths
        self.signatureDate = signatureDate
        self.publicationDate = publicationDate
    }
}
