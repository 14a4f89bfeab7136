/// One of the platform's legal pages, linked from every page's footer; a platform administrator replaces its
/// shipped text.
package enum LegalPage: String, CaseIterable, Sendable {
    case legalNotice = "mentions-legales"
    case termsOfUse = "conditions-utilisation"
    case technicalRequirements = "prerequis-techniques"

    /// The page's path, also its key in `legal_pages`.
    package var path: String { "/\(rawValue)" }

    /// The page's title, as the footer names it.
    package var title: String {
        switch self {
        case .legalNotice: "Mentions légales"
        case .termsOfUse: "Conditions d'utilisation"
        case .technicalRequirements: "Prérequis techniques"
        }
    }
}
