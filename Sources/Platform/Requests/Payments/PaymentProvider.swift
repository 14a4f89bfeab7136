import Foundation

/// A payment service the citizen is sent to after filing: it builds the address the browser goes to, and
/// reads what the service sends back (its notification, and the citizen's return).
package protocol PaymentProvider: Sendable {
    /// Stored with each payment (`payfip`, `test`) and in the callback's path.
    var name: String { get }
    /// What the pages call it.
    var label: String { get }
    /// Whether the browser's return alone may record the outcome: only for a provider whose fields are
    /// signed. PayFiP's are not: its server's notification decides, the return only shows the page.
    var trustsReturn: Bool { get }
    /// The address that starts the payment of `order` on the service.
    func redirect(for order: PaymentOrder) throws(PaymentProviderError) -> URL
    /// Reads the fields the service sent (notification or return); refuses fields it cannot trust.
    func notification(from fields: [String: String]) throws(PaymentProviderError) -> PaymentNotification
}

/// What the platform asks the provider to collect.
package struct PaymentOrder: Sendable, Equatable {
    /// The order's reference (PayFiP's `refdet`).
    package let reference: String
    /// Cents.
    package let amount: Int64
    /// The payer's e-mail (PayFiP's `mel`), when the household has one.
    package let email: String?
    /// What is paid for, shown on the service's page (PayFiP's `objet`).
    package let object: String
    /// The financial year (PayFiP's `exer`).
    package let year: Int
    /// Where the service sends its notification and the citizen back (PayFiP's `urlcl`).
    package let callbackURL: String

    package init(reference: String, amount: Int64, email: String?, object: String, year: Int, callbackURL: String) {
        self.reference = reference
        self.amount = amount
        self.email = email
        self.object = object
        self.year = year
        self.callbackURL = callbackURL
    }
}

/// What the provider says of an order.
package struct PaymentNotification: Sendable, Equatable {
    package let reference: String
    /// Cents, as the service collected them.
    package let amount: Int64
    package let outcome: PaymentOutcome
    /// The bank's authorisation number (PayFiP's `numauto`), when paid.
    package let transactionNumber: String?
    /// The service's own date and time of the transaction, as it wrote them, for the history.
    package let transactionTime: String?
    /// Every field received, kept in the payment's history.
    package let fields: [String: String]

    package init(
        reference: String, amount: Int64, outcome: PaymentOutcome, transactionNumber: String? = nil,
        transactionTime: String? = nil, fields: [String: String] = [:]
    ) {
        self.reference = reference
        self.amount = amount
        self.outcome = outcome
        self.transactionNumber = transactionNumber
        self.transactionTime = transactionTime
        self.fields = fields
    }

    /// The fields as one line of the history, sorted: `montant=1250 numauto=… refdet=… resultrans=P`.
    package var summary: String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// Why an order could not be sent, or a notification was not read.
package enum PaymentProviderError: Error, Equatable, CustomStringConvertible {
    /// The order breaks a rule of the service (the reason in French, for the citizen's page).
    case order(String)
    /// The fields are missing something, malformed, or not ours (the reason for the log and history).
    case notification(String)

    package var description: String {
        switch self {
        case .order(let reason), .notification(let reason): reason
        }
    }
}

/// Which payment service `serve` uses (`--payment-provider`), and its settings.
package struct PaymentConfiguration: Sendable {
    package enum Kind: String, CaseIterable, Sendable {
        /// No online payment: a teleservice that asks for one tells the citizen it is not available.
        case none
        /// PayFiP, the DGFiP's service (`--payfip-client`, `--payfip-mode`).
        case payfip
        /// ``TestPaymentProvider``: the platform's own test page, for the tests and the demo.
        case test
    }

    package var kind: Kind = .none
    package var payfip = PayFiPSettings()
    /// The networks PayFiP's notifications may come from (`--payfip-notification-from`); empty: any.
    package var notificationSources: [String] = []

    package init(kind: Kind = .none, payfip: PayFiPSettings = PayFiPSettings(), notificationSources: [String] = []) {
        self.kind = kind
        self.payfip = payfip
        self.notificationSources = notificationSources
    }
}
