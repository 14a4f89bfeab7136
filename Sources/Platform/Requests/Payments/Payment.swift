import Foundation

/// One attempt at paying for a request: its reference at the payment service, amount, state and outcome.
package struct Payment: Sendable, Equatable {
    package var id: Int64?
    /// The order's reference at the service (PayFiP's `refdet`): the request's number's digits and ten random
    /// letters or digits, so that the citizen's payment page, reached by it, cannot be guessed.
    package var reference: String
    package var requestID: Int64
    package var requestNumber: String
    package var teleserviceID: Int64
    package var categoryID: Int64
    package var entityID: Int64?
    package var payerName: String
    package var email: String?
    /// Cents.
    package var amount: Int64
    /// The provider's ``PaymentProvider/name``.
    package var provider: String
    /// « Nom de la régie ».
    package var regie: String
    package var state: PaymentState = .created
    /// The bank's authorisation number (PayFiP's `numauto`).
    package var transactionNumber: String?
    package var createdAt: Int64
    package var updatedAt: Int64
    package var paidAt: Int64?

    package init(
        id: Int64? = nil, reference: String, requestID: Int64, requestNumber: String, teleserviceID: Int64,
        categoryID: Int64, entityID: Int64?, payerName: String, email: String?, amount: Int64, provider: String,
        regie: String, state: PaymentState = .created, transactionNumber: String? = nil, createdAt: Int64,
        updatedAt: Int64, paidAt: Int64? = nil
    ) {
        self.id = id
        self.reference = reference
        self.requestID = requestID
        self.requestNumber = requestNumber
        self.teleserviceID = teleserviceID
        self.categoryID = categoryID
        self.entityID = entityID
        self.payerName = payerName
        self.email = email
        self.amount = amount
        self.provider = provider
        self.regie = regie
        self.state = state
        self.transactionNumber = transactionNumber
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.paidAt = paidAt
    }

    /// A new reference for the request numbered `number` (`2027-000042` → `2027000042` and ten characters).
    package static func reference(number: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let digits = number.filter { $0.isASCII && $0.isNumber }
        return String(digits.prefix(20)) + String((0..<10).map { _ in alphabet.randomElement() ?? "A" })
    }
}

/// A line of a payment's history: its creation, the citizen sent to the service, every notification
/// received (accepted or not, with its fields), expiry.
package struct PaymentEvent: Sendable, Equatable {
    package var id: Int64?
    package var paymentID: Int64
    package var at: Int64
    package var kind: Kind
    /// The state after the event.
    package var state: PaymentState
    /// Whether the event was taken into account (a refused notification is kept, not applied).
    package var accepted: Bool
    package var detail: String

    package enum Kind: String, Sendable, Codable {
        case created
        case sent
        case notification
        case `return`
        case expired

        package var label: String {
            switch self {
            case .created: "Paiement initialisé"
            case .sent: "Usager envoyé au service de paiement"
            case .notification: "Notification du service de paiement"
            case .return: "Retour de l'usager"
            case .expired: "Paiement expiré"
            }
        }
    }

    package init(
        id: Int64? = nil, paymentID: Int64, at: Int64, kind: Kind, state: PaymentState, accepted: Bool = true,
        detail: String = ""
    ) {
        self.id = id
        self.paymentID = paymentID
        self.at = at
        self.kind = kind
        self.state = state
        self.accepted = accepted
        self.detail = detail
    }
}
