/// Where a payment stands (« État du paiement » in CapDémat: initialisé, annulé, refusé, validé).
///
/// A payment is one attempt at the payment service: it is `created` with the request's amount, `pending`
/// once the citizen is sent to the provider, then ends `paid`, `refused`, `cancelled` (the citizen gave up
/// on the provider's page) or `expired` (no answer in time). A failed attempt ends there: the citizen starts
/// a new payment, never reopens this one.
package enum PaymentState: String, CaseIterable, Sendable, Codable {
    case created
    case pending
    case paid
    case refused
    case cancelled
    case expired

    package var label: String {
        switch self {
        case .created: "Initialisé"
        case .pending: "En cours"
        case .paid: "Validé"
        case .refused: "Refusé"
        case .cancelled: "Annulé"
        case .expired: "Expiré"
        }
    }

    /// The `badge--…` tone of the state.
    package var tone: String {
        switch self {
        case .created, .pending: "info"
        case .paid: "success"
        case .refused: "danger"
        case .cancelled, .expired: "neutral"
        }
    }

    /// The one transition table: change it here.
    package static let transitions: [PaymentState: Set<PaymentState>] = [
        .created: [.pending, .cancelled, .expired],
        .pending: [.paid, .refused, .cancelled, .expired],
        .paid: [],
        .refused: [],
        .cancelled: [],
        .expired: [],
    ]

    package func canMove(to next: PaymentState) -> Bool { Self.transitions[self, default: []].contains(next) }

    /// The attempt is over: the citizen may start another unless it was paid.
    package var isFinal: Bool { Self.transitions[self, default: []].isEmpty }

    /// A new attempt may be started for the request after this one.
    package var allowsRetry: Bool { self == .refused || self == .cancelled || self == .expired }
}

/// What the provider says became of a payment.
package enum PaymentOutcome: String, Sendable, Equatable {
    case paid
    case refused
    case cancelled

    package var state: PaymentState {
        switch self {
        case .paid: .paid
        case .refused: .refused
        case .cancelled: .cancelled
        }
    }
}

/// What receiving a notification did to the payment: the decision is the state machine's, kept apart from
/// storage so that it is tested alone.
package enum PaymentDecision: Equatable, Sendable {
    /// The payment moves to `state`.
    case apply(PaymentState)
    /// The same outcome was already recorded: nothing changes (a provider retries its notification).
    case duplicate
    /// Refused, with the reason kept in the payment's history and the log.
    case reject(String)

    /// Decides what a notification of `outcome` for `amount` cents does to a payment in `state` that expects
    /// `expected` cents.
    package static func decide(state: PaymentState, expected: Int64, outcome: PaymentOutcome, amount: Int64)
        -> PaymentDecision
    {
        guard amount == expected else {
            return .reject("montant notifié \(amount) centimes, attendu \(expected) centimes")
        }
        if state == outcome.state { return .duplicate }
        guard state.canMove(to: outcome.state) else {
            return .reject("paiement déjà « \(state.label) », notification « \(outcome.state.label) » ignorée")
        }
        guard state == .pending else {
            return .reject("paiement « \(state.label) » : il n'a pas été envoyé au service de paiement")
        }
        return .apply(outcome.state)
    }
}
