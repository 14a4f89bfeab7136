import Foundation
import PlatformKernel

/// Whether a teleservice asks for a payment after filing, and how much: a fixed amount, or a price list
/// read from one of the form's fields (the value the citizen chose gives the price).
package struct TeleservicePayment: Sendable, Equatable {
    package var teleserviceID: Int64
    /// « Activer ou désactiver la fonction de paiement ».
    package var enabled = false
    /// « Nom de la régie » the payments go to, shown in the search and the citizen's page.
    package var regie = ""
    /// A fixed amount in cents, when there is no price list.
    package var amount: Int64?
    /// The form's field whose value gives the price, and its prices (value key → cents).
    package var priceField: String?
    package var prices: [Price] = []

    package struct Price: Sendable, Equatable {
        package let key: String
        package let amount: Int64

        package init(key: String, amount: Int64) {
            self.key = key
            self.amount = amount
        }
    }

    package init(
        teleserviceID: Int64, enabled: Bool = false, regie: String = "", amount: Int64? = nil,
        priceField: String? = nil, prices: [Price] = []
    ) {
        self.teleserviceID = teleserviceID
        self.enabled = enabled
        self.regie = regie
        self.amount = amount
        self.priceField = priceField
        self.prices = prices
    }

    /// PayFiP takes 1 € to 100 000 € (its guide's bounds); the test provider the same, so that the demo
    /// behaves as production will.
    package static let minimum: Int64 = 100
    package static let maximum: Int64 = 10_000_000

    /// The amount due for a request with `data`; `nil` when the teleservice asks for no payment, or when the
    /// chosen value has no price (nothing is charged rather than a wrong amount).
    package func amountDue(for data: [String: [String]]) -> Int64? {
        guard enabled else { return nil }
        if let priceField {
            let chosen = data[priceField] ?? []
            let total = prices.filter { chosen.contains($0.key) }.reduce(Int64(0)) { $0 + $1.amount }
            return total > 0 ? total : nil
        }
        return amount
    }

    /// Checks the settings before they are saved: an amount or a price list, within the bounds.
    package func validated() throws(DomainError) -> TeleservicePayment {
        guard enabled else { return self }
        if let priceField {
            guard !priceField.isEmpty, !prices.isEmpty else {
                throw .invalidField(
                    field: "Tarifs", reason: "Donnez les tarifs : une ligne « valeur ; montant » par valeur du champ.")
            }
            for price in prices where !(Self.minimum...Self.maximum).contains(price.amount) {
                throw .invalidField(
                    field: "Tarifs", reason: "Le tarif de « \(price.key) » doit être compris entre 1 € et 100 000 €.")
            }
        } else {
            guard let amount else {
                throw .invalidField(
                    field: "Montant", reason: "Donnez le montant à payer, par exemple 12,50, ou une grille de tarifs.")
            }
            guard (Self.minimum...Self.maximum).contains(amount) else {
                throw .invalidField(field: "Montant", reason: "Le montant doit être compris entre 1 € et 100 000 €.")
            }
        }
        return self
    }

    /// The price list as the settings page edits it: one `valeur ; montant` a line.
    package var pricesText: String {
        prices.map { "\($0.key) ; \(PaymentAmount.text($0.amount).replacingOccurrences(of: "\u{00A0}€", with: ""))" }
            .joined(separator: "\n")
    }

    /// Reads the price list typed on the settings page.
    package static func prices(_ text: String) throws(DomainError) -> [Price] {
        var prices: [Price] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.allSatisfy(\.isEmpty) { continue }
            guard parts.count == 2, !parts[0].isEmpty, let cents = PaymentAmount.cents(parts[1]) else {
                throw .invalidField(
                    field: "Tarifs",
                    reason:
                        "Ligne \(index + 1) des tarifs : écrivez « valeur ; montant », par exemple « parc ; 12,50 ».")
            }
            guard !prices.contains(where: { $0.key == parts[0] }) else {
                throw .invalidField(field: "Tarifs", reason: "La valeur « \(parts[0]) » a deux tarifs.")
            }
            prices.append(Price(key: parts[0], amount: cents))
        }
        return prices
    }
}
