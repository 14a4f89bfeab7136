/// One line of an entity's points ledger (« relevé de points », seed 000 §3.1): a credit recorded by the platform's
/// administrator, or a debit for a consultation put online. Amounts are whole points, always positive; ``kind``
/// gives the sign.
package struct PointsEntry: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable {
        case credit
        case debit
    }

    package var id: Int64?
    /// The top-level public entity whose ledger holds the line.
    package var entityID: Int64
    package var kind: Kind
    package var amount: Int64
    /// Seconds since 1970, UTC.
    package var recordedAt: Int64
    package var label: String
    /// What a debit paid for; `nil` for a credit.
    package var use: PointsUse?
    /// The consultation a debit concerns: one debit per consultation at most.
    package var consultationID: Int64?
    /// The service (or the entity itself) the consultation belongs to.
    package var serviceID: Int64?
    /// The agent who recorded the credit or whose publication was debited.
    package var recordedBy: Int64?

    package init(
        id: Int64? = nil, entityID: Int64, kind: Kind, amount: Int64, recordedAt: Int64, label: String,
        use: PointsUse? = nil, consultationID: Int64? = nil, serviceID: Int64? = nil, recordedBy: Int64? = nil
    ) {
        self.id = id
        self.entityID = entityID
        self.kind = kind
        self.amount = amount
        self.recordedAt = recordedAt
        self.label = label
        self.use = use
        self.consultationID = consultationID
        self.serviceID = serviceID
        self.recordedBy = recordedBy
    }

    /// The amount with its sign: positive for a credit, negative for a debit.
    package var signedAmount: Int64 { kind == .credit ? amount : -amount }
}

/// What a debit pays for, as the seed's « Synthèse » breaks the points consumed down.
package enum PointsUse: String, Sendable, Codable, CaseIterable {
    /// A consultation under the adapted procedure put online (« Mapa »).
    case adapted = "mapa"
    /// A consultation under a formal procedure put online (« Procédures formalisées »).
    case formalised = "formal-procedure"

    package var label: String {
        switch self {
        case .adapted: "Mapa"
        case .formalised: "Procédures formalisées"
        }
    }
}

/// What each use costs, in points (`serve --points-per-mapa`, `--points-per-formal-procedure`). Each entry keeps
/// its own amount: a new tariff applies to the publications after it, never to the ledger's past.
package struct PointsTariff: Sendable, Equatable {
    package var adapted: Int64
    package var formalised: Int64

    package init(adapted: Int64 = 1, formalised: Int64 = 2) {
        self.adapted = adapted
        self.formalised = formalised
    }

    package func cost(of use: PointsUse) -> Int64 {
        switch use {
        case .adapted: adapted
        case .formalised: formalised
        }
    }
}
