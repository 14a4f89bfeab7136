/// The civilité of a person, as the seed's forms offer it.
package enum Civility: String, Codable, CaseIterable, Sendable {
    case monsieur = "M."
    case madame = "Mme"
}
