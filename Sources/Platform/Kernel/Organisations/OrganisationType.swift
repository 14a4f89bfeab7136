/// The kind of organisation chosen when a public entity is created. It fixes the roles its agents
/// can hold (achatpublic.com administrator manual, §4.1) and can never be changed afterwards.
package enum OrganisationType: String, Codable, CaseIterable, Sendable {
    /// Acheteur; PRM / PCAO (one role that may open the bids).
    case small = "petite-collectivite"
    /// Acheteur, PCAO, PRM.
    case medium = "moyenne-collectivite"
    /// Assistant Acheteur, Acheteur, PCAO, PRM.
    case large = "grande-collectivite"
    /// One role that runs consultations from end to end.
    case singleActor = "intervenant-unique"

    /// The label shown to agents.
    package var label: String {
        switch self {
        case .small: "Petite collectivité"
        case .medium: "Collectivité de taille moyenne"
        case .large: "Grande collectivité"
        case .singleActor: "Intervenant unique"
        }
    }
}
