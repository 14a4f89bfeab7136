import PlatformKernel

/// One envelope of a company's response.
package enum ConsultationEnvelope: String, Codable, CaseIterable, Sendable, Comparable {
    case application = "candidature"
    case offer = "offre"
    /// The third envelope of design contests ("Troisième enveloppe (Anonymat)").
    case anonymity = "anonymat"

    package var label: String {
        switch self {
        case .application: "Candidature"
        case .offer: "Offre"
        case .anonymity: "Anonymat"
        }
    }

    /// Candidature, offre, anonymat: the order in which envelopes are listed and opened.
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .application: 0
        case .offer: 1
        case .anonymity: 2
        }
    }
}
