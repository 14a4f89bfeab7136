import PlatformKernel

/// One envelope of one pli: what an agent selects, what a job names, what the policy judges.
package struct EnvelopeRef: Hashable, Sendable, Codable, Comparable {
    package let depositID: Int64
    package let envelope: ConsultationEnvelope

    package init(depositID: Int64, envelope: ConsultationEnvelope) {
        self.depositID = depositID
        self.envelope = envelope
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.envelope, lhs.depositID) < (rhs.envelope, rhs.depositID)
    }
}

/// Where the opening of a consultation stands: its mode, its plis (complete deposits in deposit order),
/// each envelope's state, each pli's admission and rank. A plain value the ``OpeningPolicy`` judges.
package struct OpeningBoard: Sendable, Equatable {
    package var mode: ConsultationModalities.OpeningMode
    package var plis: [Pli]
    /// Whether the ranking (« classement ») was recorded.
    package var rankingRecorded: Bool

    package init(mode: ConsultationModalities.OpeningMode, plis: [Pli], rankingRecorded: Bool = false) {
        self.mode = mode
        self.plis = plis
        self.rankingRecorded = rankingRecorded
    }

    /// The state of one envelope.
    package enum EnvelopeState: String, Sendable, Codable, Equatable {
        case closed = "fermee"
        case openedOnline = "ouverte-en-ligne"
        /// Downloaded by the assistant for an opening on the agent's workstation.
        case openedOffline = "ouverte-hors-ligne"

        package var isOpen: Bool { self != .closed }

        package var label: String {
            switch self {
            case .closed: "Fermée"
            case .openedOnline: "Ouverte en ligne"
            case .openedOffline: "Téléchargée (ouverture hors ligne)"
            }
        }
    }

    /// The admission of a pli's candidature.
    package enum Admission: String, Sendable, Codable, Equatable, CaseIterable {
        case admitted = "admissible"
        case rejected = "non-admissible"

        package var label: String {
            switch self {
            case .admitted: "Admissible"
            case .rejected: "Non admissible"
            }
        }
    }

    /// One pli: its envelopes and their states, its admission (once decided) and its rank (once ranked).
    package struct Pli: Sendable, Equatable {
        package let number: Int
        package let depositID: Int64
        package let company: String
        package var envelopes: [ConsultationEnvelope: EnvelopeState]
        package var admission: Admission?
        package var rank: Int?

        package init(
            number: Int, depositID: Int64, company: String, envelopes: [ConsultationEnvelope: EnvelopeState],
            admission: Admission? = nil, rank: Int? = nil
        ) {
            self.number = number
            self.depositID = depositID
            self.company = company
            self.envelopes = envelopes
            self.admission = admission
            self.rank = rank
        }

        /// « pli n° 2 (Toitures Martin) ».
        package var name: String { "pli n° \(number) (\(company))" }

        package func state(_ envelope: ConsultationEnvelope) -> EnvelopeState? { envelopes[envelope] }

        /// Whether the pli takes part in the analysis: not declared « Non admissible ».
        package var isRankable: Bool { admission != .rejected }
    }

    package func pli(_ depositID: Int64) -> Pli? { plis.first { $0.depositID == depositID } }

    /// Whether any pli has this envelope.
    package func has(_ envelope: ConsultationEnvelope) -> Bool { plis.contains { $0.envelopes[envelope] != nil } }

    /// Every envelope of every pli, candidatures first, in pli order.
    package var allEnvelopes: [EnvelopeRef] {
        plis.flatMap { pli in pli.envelopes.keys.map { EnvelopeRef(depositID: pli.depositID, envelope: $0) } }.sorted()
    }
}
